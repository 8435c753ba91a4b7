package dev.signoff.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a rendered report (text, HTML or JSON) as a listener would and lists where it contradicts
 * itself: a figure on the wrong side of (or equal to) the limit it is said to pass, "quieter" beside
 * a rise, two level changes for one pair, something "lost" that "comes through", a time after the
 * song's end or a range that ends before it starts, a negative duration, NaN or Infinity printed.
 *
 * <p>The rules compare the figures as printed: a reader sees only those. Each sentence (or clause
 * between semicolons) is judged on its own, so a message may set two measures side by side in two
 * clauses without contradicting itself.
 */
final class ReportConsistency {
    private final String what;
    private final double songS;
    private final List<String> contradictions = new ArrayList<>();

    /**
     * @param what  names the report in the contradictions listed ("check song.wav html")
     * @param songS the longest song the report is about, s: no time it prints may lie after it
     */
    ReportConsistency(String what, double songS) {
        this.what = what;
        this.songS = songS;
    }

    /** The contradictions found so far, each "report: rule: the offending text". */
    List<String> contradictions() {
        return contradictions;
    }

    // ------------------------------------------------------------------ entry points per format

    ReportConsistency text(String report) {
        nonFinite(report);
        for (String line : report.split("\\R")) sentences(line);
        return this;
    }

    ReportConsistency html(String report) {
        String withoutCode = report.replaceAll("(?s)<script.*?</script>", " ").replaceAll("(?s)<style.*?</style>", " ");
        // Plots are drawn from numbers: a NaN in a path or an attribute is a broken plot, even unseen.
        Matcher bad = Pattern.compile("\\bNaN\\b|Infinity").matcher(withoutCode);
        if (bad.find()) add("non-finite number in the markup", around(withoutCode, bad.start()));
        String visible = withoutCode.replaceAll("(?s)<[^>]*>", "\n")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        return text(visible);
    }

    ReportConsistency json(String report) {
        JsonNode root;
        try {
            // Jackson refuses NaN and Infinity unless told otherwise: JSON has no such numbers.
            root = new ObjectMapper().readTree(report);
        } catch (Exception e) {
            add("not valid JSON", e.getMessage().lines().findFirst().orElse(""));
            return this;
        }
        walk(root, "");
        return this;
    }

    /** Every "the whole mix is X dB louder/quieter" and "level change X dB" in one comparison's report must agree. */
    ReportConsistency onePairLevel(String report) {
        Map<String, Double> seen = new LinkedHashMap<>();
        Matcher m = Pattern.compile("[Tt]he whole mix is (\\d+\\.\\d) dB (louder|quieter)").matcher(report);
        while (m.find()) seen.put(m.group(), (m.group(2).equals("louder") ? 1 : -1) * Double.parseDouble(m.group(1)));
        m = Pattern.compile("level change(?: across the bands)? ([+-]\\d+\\.\\d) dB").matcher(report);
        while (m.find()) if (Math.abs(Double.parseDouble(m.group(1))) > 0) seen.put(m.group(), Double.parseDouble(m.group(1)));
        m = Pattern.compile("\"level_change_db\"\\s*:\\s*(-?[\\d.Ee+-]+)").matcher(report);
        while (m.find()) {
            double v = Math.round(Double.parseDouble(m.group(1)) * 10) / 10.0;
            if (v != 0) seen.put(m.group(), v);
        }
        if (seen.values().stream().distinct().count() > 1) add("two level changes for one pair", seen.keySet().toString());
        return this;
    }

    // ------------------------------------------------------------------ JSON

    private void walk(JsonNode n, String path) {
        if (n.isObject()) {
            JsonNode start = n.get("start_s"), end = n.get("end_s");
            if (start != null && start.isNumber() && end != null && end.isNumber()) {
                if (start.asDouble() > end.asDouble() + 1e-9) add("range ends before it starts", path + " " + start + " > " + end);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String p = path + "/" + f.getKey();
                JsonNode v = f.getValue();
                if (v.isNumber()) {
                    double d = v.asDouble();
                    if (!Double.isFinite(d)) add("non-finite number", p);
                    boolean time = f.getKey().endsWith("_s") && !f.getKey().contains("offset") && !f.getKey().contains("shift");
                    if (time && d < -1e-9) add("negative time or duration", p + " = " + d);
                    if (time && (f.getKey().startsWith("start") || f.getKey().startsWith("end") || f.getKey().equals("at_s")) && d > songS + 0.05)
                        add("time after the song's end", p + " = " + d + " > " + songS);
                } else if (v.isTextual()) {
                    String s = v.asText();
                    if (f.getKey().equals("message") || f.getKey().equals("hint") || f.getKey().equals("summary")) {
                        nonFinite(s);
                        sentences(s);
                    }
                } else {
                    walk(v, p);
                }
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) walk(n.get(i), path + "[" + i + "]");
        }
    }

    // ------------------------------------------------------------------ text rules

    private static final Pattern NON_FINITE = Pattern.compile("\\bNaN\\b|-?Infinity|\\bnull\\b(?! test)");
    private static final String NUM = "([+-]?\\d+(?:\\.\\d+)?)";
    private static final Pattern TIME = Pattern.compile("(?<![\\d.:])(\\d{1,3}):(\\d\\d(?:\\.\\d+)?)(?![\\d:])");
    private static final Pattern RANGE = Pattern.compile("(?<![\\d.:])(\\d{1,3}):(\\d\\d(?:\\.\\d+)?)-(\\d{1,3}):(\\d\\d(?:\\.\\d+)?)(?![\\d:])");
    /** "X dB ..., over the Y dB", "X dB ... (the built-in range allows Y)". */
    private static final Pattern LIMIT = Pattern.compile(NUM + " (dB|LU|dBTP|dBFS)\\b([^;]*?)\\b(over|above|below|under|beyond|allows|allow) (?:the |a |an )?" + NUM + "(?= (?:dB|LU|dBTP|dBFS)\\b|\\))");
    /** "less than N dB of headroom" beside the true peak it is about. */
    private static final Pattern HEADROOM = Pattern.compile(NUM + " dBTP: less than " + NUM + " dB of headroom");
    /** A negative figure said to lie under, below or down: a double negative that reads as the opposite. */
    private static final Pattern NEGATIVE_DOWN = Pattern.compile("(?<![\\d.])-(\\d+(?:\\.\\d+)?) dB(?: \\([^)]*\\))?(?: to [+-]?\\d+(?:\\.\\d+)? dB(?: \\([^)]*\\))?)? (under|below|down)\\b(?! \\d)(?: (?:the|its|their) \\w+)?"
            + "|to -(\\d+(?:\\.\\d+)?) dB(?: \\([^)]*\\))? (under|below|down)\\b(?! \\d)(?: (?:the|its|their) \\w+)?");
    private static final Pattern ARROW = Pattern.compile(NUM + " -> " + NUM);
    private static final Pattern SIGNED = Pattern.compile("(?<![\\w.])([+-])(\\d+(?:\\.\\d+)?) (?:dB|LU)\\b");
    private static final Pattern DURATION = Pattern.compile("(?<![\\w.+])-(\\d+(?:\\.\\d+)?) s\\b");
    /** "0.000 s earlier": a shift that prints as none. */
    private static final Pattern ZERO_SHIFT = Pattern.compile("(?<![\\d.])0\\.0+ s (earlier|later|longer|shorter|sooner)\\b");
    private static final Pattern COMES_THROUGH = Pattern.compile("comes through [+-]?\\d+(?:\\.\\d+)? dB");

    private void nonFinite(String s) {
        Matcher m = NON_FINITE.matcher(s);
        if (m.find()) add("non-finite value printed", around(s, m.start()));
    }

    /** Splits a line into sentences and clauses and judges each. */
    private void sentences(String line) {
        times(line);
        for (String sentence : line.split("(?<=[.!?])\\s+(?=[A-Z\"])")) {
            lostThatComesThrough(sentence);
            for (String clause : sentence.split(";")) {
                limits(clause);
                direction(clause);
            }
            Matcher h = HEADROOM.matcher(sentence);
            while (h.find()) if (-Double.parseDouble(h.group(1)) >= Double.parseDouble(h.group(2))) add("headroom said to be less than it is", h.group());
            Matcher n = NEGATIVE_DOWN.matcher(sentence);
            while (n.find()) if (n.group(1) == null || Double.parseDouble(n.group(1)) > 0 || n.group(3) != null && Double.parseDouble(n.group(3)) > 0)
                add("a negative figure said to lie " + (n.group(2) != null ? n.group(2) : n.group(4)), n.group());
            Matcher z = ZERO_SHIFT.matcher(sentence);
            while (z.find()) add("a shift that prints as none", z.group());
            Matcher d = DURATION.matcher(sentence);
            while (d.find()) if (Double.parseDouble(d.group(1)) > 0) add("negative duration", around(sentence, d.start()));
        }
    }

    private void times(String line) {
        Matcher r = RANGE.matcher(line);
        while (r.find()) {
            double a = seconds(r.group(1), r.group(2)), b = seconds(r.group(3), r.group(4));
            if (a > b) add("range ends before it starts", r.group());
        }
        Matcher t = TIME.matcher(line);
        while (t.find()) {
            double s = seconds(t.group(1), t.group(2));
            if (s > songS + 0.05) add("time after the song's end (" + songS + " s)", around(line, t.start()));
        }
    }

    /** A measured figure and the limit it passes, printed side by side: they must differ, the right way round. */
    private void limits(String clause) {
        Matcher m = LIMIT.matcher(clause);
        while (m.find()) {
            double value = Double.parseDouble(m.group(1)), limit = Double.parseDouble(m.group(5));
            String between = m.group(3), word = m.group(4);
            // "X dB more/less than ..., Y" or "X dB under the most compressed of ... (Y dB)": a difference, not a limit.
            if (between.matches(".*\\b(than|of|from|to|at|against the least|against the most)\\b.*") && !between.contains(",")) continue;
            boolean magnitudeBelow = between.matches("\\s*(below|under|down)\\b.*");
            boolean ok = switch (word) {
                case "over", "above", "beyond", "allows", "allow" -> value > limit;
                default -> magnitudeBelow ? value > limit : value < limit;
            };
            if (!ok) add("figure not past the limit it is said to pass", m.group());
        }
    }

    /** "quieter" beside a rise, "louder" beside a fall. */
    private void direction(String clause) {
        boolean quieter = clause.contains("quieter"), louder = clause.contains("louder");
        if (quieter == louder) return;
        int sign = 0;
        Matcher a = ARROW.matcher(clause);
        while (a.find()) {
            double d = Double.parseDouble(a.group(2)) - Double.parseDouble(a.group(1));
            if (Math.abs(d) > 1e-9) sign |= d > 0 ? 1 : 2;
            else sign |= 4;
        }
        Matcher s = SIGNED.matcher(clause);
        while (s.find()) if (Double.parseDouble(s.group(2)) > 0) sign |= s.group(1).equals("+") ? 1 : 2;
        if (quieter && (sign & 1) != 0 || louder && (sign & 2) != 0 || (sign & 4) != 0 && clause.matches(".*\\d dB (louder|quieter).*"))
            add("\"" + (quieter ? "quieter" : "louder") + "\" beside a change the other way (or none)", clause.strip());
    }

    private void lostThatComesThrough(String sentence) {
        if (!sentence.matches("(?s).*\\b(is|are) lost\\b.*")) return;
        Matcher m = COMES_THROUGH.matcher(sentence);
        if (m.find()) add("\"lost\" beside \"comes through\"", around(sentence, m.start()));
    }

    // ------------------------------------------------------------------ helpers

    private static double seconds(String m, String s) {
        return Integer.parseInt(m) * 60 + Double.parseDouble(s);
    }

    private static String around(String s, int at) {
        return s.substring(Math.max(0, at - 100), Math.min(s.length(), at + 100)).replaceAll("\\s+", " ").strip();
    }

    private void add(String rule, String text) {
        contradictions.add(what + ": " + rule + ": " + text);
    }
}
