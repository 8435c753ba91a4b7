package dev.signoff.analysis.findings;

import java.util.List;

/** Plain-English pieces shared by the messages. */
public final class Prose {
    private Prose() {}

    /** "a", "a and b", "a, b and c". */
    public static String list(List<String> items) {
        if (items.size() <= 1) return items.isEmpty() ? "" : items.get(0);
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The text with its first letter in upper case. */
    public static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
