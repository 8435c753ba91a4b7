package dev.signoff.analysis.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Puts bounces in version order by name, the way people number them: "mix v2" before "mix v10",
 * "final" and "final 2" in the order written (natural sort: runs of digits compare as numbers,
 * everything else case-insensitively).
 */
public final class VersionOrder {
    private VersionOrder() {}

    public static final Comparator<Path> NATURAL = (a, b) -> compare(name(a), name(b));

    public static List<Path> sorted(List<Path> files) {
        List<Path> out = new ArrayList<>(files);
        out.sort(NATURAL);
        return out;
    }

    private static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    static int compare(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int ei = i, ej = j;
                while (ei < a.length() && Character.isDigit(a.charAt(ei))) ei++;
                while (ej < b.length() && Character.isDigit(b.charAt(ej))) ej++;
                String na = a.substring(i, ei).replaceFirst("^0+(?=\\d)", ""), nb = b.substring(j, ej).replaceFirst("^0+(?=\\d)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) return c;
                i = ei;
                j = ej;
            } else {
                int c = Character.compare(Character.toLowerCase(ca), Character.toLowerCase(cb));
                if (c != 0) return c;
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }
}
