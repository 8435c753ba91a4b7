package dev.signoff.server.http;

/**
 * Text people type into the pages: names on one line, comments and replies on as many as they like.
 * Stored exactly as written and only ever shown as text, so markup is harmless; what is refused is
 * what no person types: control characters (PostgreSQL rejects NUL outright), broken surrogates, and
 * direction controls left open (an unclosed right-to-left override, U+202E, after "x" and before
 * "gnp.exe" shows "xexe.png" and reverses the text after it on the page: the "Trojan Source"
 * trick; Unicode TR9).
 * Right-to-left writing and marks that open and close within their line are welcome.
 */
public final class PlainText {
    public static final int MAX_NAME = 80;

    private PlainText() {}

    /** A required one-line name, trimmed, 1 to {@value #MAX_NAME} characters. */
    public static String name(JsonBody body, String field) {
        return checked(field, body.text(field, MAX_NAME), false);
    }

    /** A required one-line name, trimmed, 1 to {@code max} characters. */
    public static String name(JsonBody body, String field, int max) {
        return checked(field, body.text(field, max), false);
    }

    /** An optional one-line name, trimmed; null when absent. */
    public static String optionalName(JsonBody body, String field, int max) {
        String v = body.optionalText(field, max);
        return v == null ? null : checked(field, v, false);
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

    static String checked(String field, String value, boolean multiline) {
        int embeddings = 0, isolates = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineBreak = c == '\n' || c == '\r' || c == '\t';
            if ((Character.isISOControl(c) && !(multiline && lineBreak)) || brokenSurrogate(value, i))
                throw Problem.badRequest("'" + field + "' contains characters that are not text");
            if (Character.isHighSurrogate(c)) i++;
            // Direction controls must close within their line (a paragraph ends them in the bidi algorithm, not on the page).
            if (c >= '\u202A' && c <= '\u202E' && c != '\u202C') embeddings++;
            else if (c == '\u202C' && embeddings-- == 0) unpaired(field);
            else if (c >= '\u2066' && c <= '\u2068') isolates++;
            else if (c == '\u2069' && isolates-- == 0) unpaired(field);
            else if (c == '\n' || c == '\r') {
                if (embeddings != 0 || isolates != 0) unpaired(field);
            }
        }
        if (embeddings != 0 || isolates != 0) unpaired(field);
        return value;
    }

    private static void unpaired(String field) {
        throw Problem.badRequest("'" + field + "' has a text-direction control that is not closed (it would reverse the text shown after it)");
    }

    private static boolean brokenSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isLowSurrogate(c)) return true;
        return Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1)));
    }
}
