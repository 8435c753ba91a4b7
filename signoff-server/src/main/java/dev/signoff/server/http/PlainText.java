package dev.signoff.server.http;

/**
 * Text people type into the pages: names on one line, comments and replies on as many as they like.
 * Stored exactly as written and only ever shown as text, so markup is harmless; what is refused is
 * what no person types: control characters (PostgreSQL rejects NUL outright) and broken surrogates.
 */
public final class PlainText {
    public static final int MAX_NAME = 80;

    private PlainText() {}

    /** A required one-line name, trimmed, 1 to {@value #MAX_NAME} characters. */
    public static String name(JsonBody body, String field) {
        return checked(field, body.text(field, MAX_NAME), false);
    }

    /** Required text that may span lines, trimmed, 1 to {@code max} characters. */
    public static String text(JsonBody body, String field, int max) {
        return checked(field, body.text(field, max), true);
    }

    /** Optional text that may span lines, trimmed; null when absent. */
    public static String optionalText(JsonBody body, String field, int max) {
        String v = body.optionalText(field, max);
        return v == null ? null : checked(field, v, true);
    }

    private static String checked(String field, String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((Character.isISOControl(c) && !(multiline && lineBreak)) || brokenSurrogate(value, i))
                throw Problem.badRequest("'" + field + "' contains characters that are not text");
            if (Character.isHighSurrogate(c)) i++;
        }
        return value;
    }

    private static boolean brokenSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isLowSurrogate(c)) return true;
        return Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)));
    }
}
