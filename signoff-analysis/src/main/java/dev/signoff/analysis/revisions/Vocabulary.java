package dev.signoff.analysis.revisions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The words of mix feedback Signoff understands (resource {@code vocabulary.tsv} next to this class,
 * documented there and in docs/revisions.md): parts of a mix ("vocal", "kick"), frequency ranges
 * ("low mids"), words for how it sounds ("muddy", "thin", "harsh"), stereo and effect words ("wider",
 * "too much reverb"), and the whole mix's level. Each says which dimension of the mix it is about,
 * where in frequency that shows, what Signoff can measure for it, and what it usually means.
 */
public final class Vocabulary {

    public enum Kind { ELEMENT, REGION, QUALITY, STEREO, EFFECT, LEVEL }

    /** What Signoff measures for a word. */
    public enum Measure { REGION, WIDTH, DYNAMICS, SIBILANCE, LEVEL, BALANCE }

    /**
     * One entry.
     *
     * @param kind      what sort of word
     * @param name      its name (the first of its words)
     * @param words     every word or phrase that names it, as token lists
     * @param dimension what a request about it changes
     * @param state     +1 the word says there is a lot of its dimension, -1 little, 0 nothing
     * @param bare      the change usually wanted when the word stands alone: +1, -1 or 0
     * @param loHz      lowest frequency where it shows (0 when not a frequency range)
     * @param hiHz      highest
     * @param measure   what Signoff measures for it
     * @param meaning   what it usually means
     */
    public record Entry(Kind kind, String name, List<List<String>> words, String dimension, int state, int bare,
                        double loHz, double hiHz, Measure measure, String meaning) {
        public boolean hasRange() {
            return hiHz > loHz && loHz > 0;
        }
    }

    /** An entry found in a text: token positions [start, end). */
    public record Match(Entry entry, int start, int end) {}

    private static final Vocabulary BUILT_IN = load();
    private final List<Entry> entries;

    private Vocabulary(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Vocabulary builtIn() {
        return BUILT_IN;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Lowercase words of a text: letters, digits and the marks inside words and times (' - : . +). */
    public static List<String> tokens(String text) {
        String t = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2013', '-');
        List<String> out = new ArrayList<>();
        for (String s : t.split("[^a-z0-9':.+\\-]+")) {
            String w = s.replaceAll("^[.'\\-]+|[.'\\-]+$", "");
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }

    /** The entries named in {@code tokens}, longest phrase first at each place, in order of appearance. */
    public List<Match> find(List<String> tokens) {
        List<Match> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Match best = null;
            for (Entry e : entries) {
                for (List<String> phrase : e.words()) {
                    if (i + phrase.size() > tokens.size() || (best != null && phrase.size() <= best.end() - best.start())) continue;
                    if (tokens.subList(i, i + phrase.size()).equals(phrase)) best = new Match(e, i, i + phrase.size());
                }
            }
            if (best == null) {
                i++;
            } else {
                out.add(best);
                i = best.end();
            }
        }
        return out;
    }

    private static Vocabulary load() {
        try (InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.tsv")) {
            if (in == null) throw new IllegalStateException("vocabulary.tsv missing from the build");
            List<Entry> entries = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split(" \\| ", -1);
                if (f.length != 9) throw new IllegalStateException("vocabulary.tsv line " + n + ": 9 fields expected, " + f.length + " found");
                List<List<String>> words = Arrays.stream(f[1].split(",")).map(String::strip).map(Vocabulary::tokens).filter(w -> !w.isEmpty()).toList();
                entries.add(new Entry(Kind.valueOf(f[0].strip().toUpperCase(Locale.ROOT)), String.join(" ", words.get(0)), words,
                        f[2].strip(), sign(f[3]), sign(f[4]), Double.parseDouble(f[5].strip()), Double.parseDouble(f[6].strip()),
                        Measure.valueOf(f[7].strip().toUpperCase(Locale.ROOT)), f[8].strip()));
            }
            return new Vocabulary(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int sign(String s) {
        return switch (s.strip()) {
            case "+" -> 1;
            case "-" -> -1;
            case "0" -> 0;
            default -> throw new IllegalStateException("vocabulary.tsv: +, - or 0 expected, not " + s);
        };
    }
}
