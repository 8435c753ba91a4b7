package dev.signoff.session;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a REAPER project split into its words. REAPER quotes a word holding spaces with
 * whichever of {@code "}, {@code '} or {@code `} the word itself does not contain, and has no escapes.
 */
final class RppTokens {
    private RppTokens() {}

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        int i = 0, n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'' || c == '`') {
                int end = line.indexOf(c, i + 1);
                if (end < 0) end = n;
                words.add(line.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < n && !Character.isWhitespace(line.charAt(end))) end++;
                words.add(line.substring(i, end));
                i = end;
            }
        }
        return words;
    }

    /** {@code word} as REAPER writes it: bare if it can be, else in the first quote it does not contain. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().noneMatch(ch -> Character.isWhitespace(ch) || ch == '"' || ch == '\'' || ch == '`')) return word;
        return quoted(word);
    }

    /** {@code word} in the first quote it does not contain, as REAPER writes file paths and names. */
    static String quoted(String word) {
        for (char q : new char[]{'"', '\'', '`'}) if (word.indexOf(q) < 0) return q + word + q;
        return '"' + word.replace('"', '\'') + '"';
    }
}
