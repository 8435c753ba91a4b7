package dev.signoff.analysis.revisions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads simple revision requests ("vocal up 1 dB in the choruses", "less reverb on the last chorus",
 * "sounds muddy at 1:23", "kick too loud") into {@link RevisionRequest}s.
 *
 * <p>Method: rules over words, no statistics. The {@link Vocabulary} finds what the request is about
 * (the longest phrase wins); a word for how it sounds ("muddy", "wider") outranks the name of a
 * part, which outranks a frequency range, which outranks the whole mix. The direction comes from,
 * in order: the words just before it ("too muddy", "more punch", "less reverb", "not bright enough"),
 * the word's own usual meaning (muddy wants less low mids, "wider" more width), a level word about a
 * part ("vocal louder", "kick too loud", "vocal too quiet"), then up/down words anywhere ("bring the
 * bass down") and the sign of an amount ("-2 dB"). The amount is a number of dB, or "a dB", "half a
 * dB". Where: a section word ("chorus", "verse", "intro", "outro", "bridge", "break"), with "first",
 * "second", "last" before it; times written m:ss, alone or as a range ("1:00-1:30", "from 1:00 to
 * 1:30"); or the time the server gives with the item. Anything else counts for the whole song.
 */
public final class RequestParser {
    private static final Set<String> UP = Set.of("up", "raise", "raised", "boost", "boosted", "push", "pushed", "increase", "higher",
            "more", "add", "lift", "bigger", "louder", "forward", "hotter", "brought");
    private static final Set<String> DOWN = Set.of("down", "lower", "lowered", "cut", "reduce", "reduced", "less", "decrease",
            "tame", "softer", "quieter", "smaller", "remove", "dip", "duck", "back", "lose");
    private static final Set<String> WANT_MORE = Set.of("more", "needs", "need", "lacks", "lacking", "want", "add", "could", "missing", "extra");
    private static final Set<String> WANT_LESS = Set.of("less", "reduce", "without", "fewer", "lose", "remove", "tame", "cut");
    private static final Map<String, String> SECTIONS = Map.ofEntries(
            Map.entry("chorus", "chorus"), Map.entry("choruses", "chorus"), Map.entry("choruss", "chorus"), Map.entry("hook", "chorus"),
            Map.entry("hooks", "chorus"), Map.entry("verse", "verse"), Map.entry("verses", "verse"), Map.entry("intro", "intro"),
            Map.entry("outro", "outro"), Map.entry("ending", "outro"), Map.entry("bridge", "bridge"), Map.entry("bridges", "bridge"),
            Map.entry("break", "break"), Map.entry("breakdown", "break"), Map.entry("stop", "break"));
    private static final Map<String, Integer> ORDINALS = Map.of("first", 1, "1st", 1, "second", 2, "2nd", 2, "third", 3, "3rd", 3,
            "last", -1, "final", -1);
    private static final Pattern TIME = Pattern.compile("(\\d{1,3}):(\\d{2}(?:\\.\\d+)?)");
    private static final Pattern RANGE = Pattern.compile("(\\d{1,3}:\\d{2}(?:\\.\\d+)?)\\s*(?:-|\u2013|to|till|until)\\s*(\\d{1,3}:\\d{2}(?:\\.\\d+)?)");
    private static final Pattern DB = Pattern.compile("([+-]?\\d+(?:[.,]\\d+)?)\\s*-?\\s*db\\b");

    private final Vocabulary vocabulary;

    public RequestParser(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    public static RequestParser builtIn() {
        return new RequestParser(Vocabulary.builtIn());
    }

    public RevisionRequest parse(RevisionItem item) {
        String lower = item.text().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        List<String> tokens = Vocabulary.tokens(item.text());
        List<Vocabulary.Match> matches = vocabulary.find(tokens);
        Double amount = null;
        int amountSign = 0;
        Matcher db = DB.matcher(lower);
        if (db.find()) {
            double v = Double.parseDouble(db.group(1).replace(',', '.'));
            amount = Math.abs(v);
            if (db.group(1).startsWith("-")) amountSign = -1;
            else if (db.group(1).startsWith("+")) amountSign = 1;
        } else if (lower.matches(".*\\bhalf an? db\\b.*")) {
            amount = 0.5;
        } else if (lower.matches(".*\\b(a|one) db\\b.*")) {
            amount = 1.0;
        } else if (lower.matches(".*\\b(a )?couple( of)? db\\b.*")) {
            amount = 2.0;
        }

        Vocabulary.Match target = pickTarget(matches);
        int direction = 0;
        if (target != null) {
            Vocabulary.Entry e = target.entry();
            Integer modified = modifier(tokens, target);
            if (modified != null) {
                direction = modified;   // 0 when negated: "not muddy" asks for nothing
            } else {
                if (isAdjective(e)) direction = e.bare();
                if (direction == 0 && e.kind() != Vocabulary.Kind.LEVEL) {
                    for (Vocabulary.Match m : matches) {
                        if (m.entry().kind() != Vocabulary.Kind.LEVEL) continue;
                        Integer d = modifier(tokens, m);
                        int dd = d == null ? m.entry().bare() : d;
                        if (dd != 0) {
                            direction = dd;
                            break;
                        }
                    }
                }
                if (direction == 0) direction = e.kind() == Vocabulary.Kind.LEVEL ? levelDirection(tokens, target) : upDown(tokens);
                if (direction == 0) direction = amountSign;
            }
        }
        return new RevisionRequest(item, target == null ? null : target.entry(), direction, amount, scope(item, lower, tokens),
                matches.stream().map(Vocabulary.Match::entry).toList());
    }

    private static boolean isAdjective(Vocabulary.Entry e) {
        return e.kind() == Vocabulary.Kind.QUALITY || e.kind() == Vocabulary.Kind.EFFECT || e.kind() == Vocabulary.Kind.STEREO
                || e.kind() == Vocabulary.Kind.LEVEL;
    }

    /** Words for how it sounds first, then parts, then ranges, then the whole mix; earlier in the text on a tie. */
    private static Vocabulary.Match pickTarget(List<Vocabulary.Match> matches) {
        return matches.stream().min(Comparator.comparingInt((Vocabulary.Match m) -> switch (m.entry().kind()) {
            case QUALITY, EFFECT, STEREO -> 0;
            case ELEMENT -> 1;
            case REGION -> 2;
            case LEVEL -> 3;
        })).orElse(null);
    }

    /**
     * The change wanted of a match from the words around it: "too X" the opposite of X's state,
     * "more X" / "needs X" / "not X enough" its state, "less X" the opposite; "not X" alone none.
     * A word with no state counts as having more of it (so "too much reverb" wants less). Null when
     * no such word is there.
     */
    static Integer modifier(List<String> tokens, Vocabulary.Match m) {
        int state = m.entry().state() == 0 ? 1 : m.entry().state();
        boolean enough = m.end() < tokens.size() && tokens.get(m.end()).equals("enough")
                || m.end() + 1 < tokens.size() && tokens.get(m.end() + 1).equals("enough");
        boolean not = false;
        for (int i = Math.max(0, m.start() - 3); i < m.start(); i++) {
            String t = tokens.get(i);
            if (t.equals("not") || t.equals("isn't") || t.equals("isnt") || t.equals("never")) not = true;
        }
        if (enough) return not ? state : 0;
        for (int i = m.start() - 1; i >= Math.max(0, m.start() - 3); i--) {
            String t = tokens.get(i);
            if (t.equals("too")) return -state;
            if (WANT_LESS.contains(t)) return -state;
            if (WANT_MORE.contains(t)) return not ? 0 : state;
        }
        return not ? 0 : null;
    }

    /** Up and down words anywhere ("bring the bass down", "raise the vocal"); "up" and "down" themselves win. */
    private static int upDown(List<String> tokens) {
        if (tokens.contains("up")) return 1;
        if (tokens.contains("down")) return -1;
        int up = 0, down = 0;
        for (String t : tokens) {
            if (UP.contains(t)) up++;
            if (DOWN.contains(t)) down++;
        }
        return Integer.signum(up - down);
    }

    private static int levelDirection(List<String> tokens, Vocabulary.Match level) {
        int d = upDown(tokens);
        return d != 0 ? d : level.entry().bare();
    }

    private static Scope scope(RevisionItem item, String lower, List<String> tokens) {
        if (item.startS() != null) return new Scope(null, 0, item.startS(), item.endS());
        Matcher range = RANGE.matcher(lower);
        if (range.find()) return new Scope(null, 0, seconds(range.group(1)), seconds(range.group(2)));
        Matcher time = TIME.matcher(lower);
        if (time.find()) return new Scope(null, 0, seconds(time.group()), null);
        for (int i = 0; i < tokens.size(); i++) {
            String section = SECTIONS.get(tokens.get(i));
            if (section == null) continue;
            int ordinal = 0;
            for (int j = Math.max(0, i - 2); j < i; j++) if (ORDINALS.containsKey(tokens.get(j))) ordinal = ORDINALS.get(tokens.get(j));
            return new Scope(section, ordinal, null, null);
        }
        return Scope.WHOLE_SONG;
    }

    private static double seconds(String mss) {
        String[] p = mss.split(":");
        return Integer.parseInt(p[0]) * 60 + Double.parseDouble(p[1]);
    }

    /** Parses every item. */
    public List<RevisionRequest> parseAll(List<RevisionItem> items) {
        List<RevisionRequest> out = new ArrayList<>();
        for (RevisionItem i : items) out.add(parse(i));
        return out;
    }
}
