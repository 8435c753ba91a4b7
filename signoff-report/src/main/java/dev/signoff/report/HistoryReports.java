package dev.signoff.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.signoff.analysis.diff.Audibility;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.history.LetItGoMeter;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "let it go" meter's reports: text (with a small bar chart of each version's change in JNDs),
 * JSON (schema {@value #SCHEMA}, documented in docs/revisions.md) and HTML.
 */
public final class HistoryReports {
    public static final String SCHEMA = "signoff.history/1";
    /** Characters of the text chart per JND, and the chart's width. */
    static final int CHARS_PER_JND = 8, CHART_CHARS = 40;
    private static final String NL = System.lineSeparator();
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private HistoryReports() {}

    // ------------------------------------------------------------------ text

    /** @param source where the versions came from, for the heading ("mixes/ by name") */
    public static String text(LetItGoMeter.Result r, String source) {
        List<Row> rows = new ArrayList<>();
        for (LetItGoMeter.Step s : r.steps())
            rows.add(new Row(DiffTextReport.name(s.file()), s.fromPrevious() == null ? Double.NaN : s.jnd(),
                    s.fromPrevious() == null ? null : s.largest() == null ? "no change" : s.largest().message()));
        List<Finding> f = r.latestCheck().findings();
        return text(source, rows, DiffTextReport.name(r.latestCheck().file()),
                Fmt.count(f, Severity.PROBLEM), Fmt.count(f, Severity.WARNING), Fmt.count(f, Severity.NOTE), r.message());
    }

    /**
     * One version's line of the chart.
     *
     * @param name    the version's name
     * @param jnd     its step from the version before in JNDs; NaN for the first (or when it could not be compared)
     * @param largest its largest change in words ("no change" when none), or null for the first; for a
     *                version that could not be compared, why
     */
    public record Row(String name, double jnd, String largest) {}

    /** The same chart and verdict from rows a caller already has (the review server keeps each step). */
    public static String text(String source, List<Row> rows, String latestName, int problems, int warnings, int notes, String message) {
        StringBuilder out = new StringBuilder();
        out.append(TextReport.oneLine(source)).append(": each version against the one before, in JNDs (1 = just noticeable)").append(NL);
        int nameWidth = rows.stream().mapToInt(s -> TextReport.oneLine(s.name()).length()).max().orElse(0);
        for (Row s : rows) {
            out.append("  ").append(TextReport.pad(TextReport.oneLine(s.name()), nameWidth)).append("  ");
            if (s.largest() == null) {
                out.append(TextReport.pad("", CHART_CHARS + 1)).append("  -").append(NL);
                continue;
            }
            if (!Double.isFinite(s.jnd())) {
                out.append(TextReport.pad("", CHART_CHARS + 1)).append("     ?  ").append(TextReport.oneLine(s.largest())).append(NL);
                continue;
            }
            out.append(bar(s.jnd())).append("  ").append(String.format(Locale.ROOT, "%4.1f", s.jnd()));
            out.append("  ").append(TextReport.oneLine(s.largest())).append(NL);
        }
        out.append("  ").append(" ".repeat(nameWidth + 2 + CHARS_PER_JND)).append("^ 1 JND").append(NL).append(NL);
        out.append("  latest (").append(TextReport.oneLine(latestName)).append("): ")
                .append(Fmt.plural(problems, "problem")).append(", ").append(Fmt.plural(warnings, "warning")).append(", ")
                .append(Fmt.plural(notes, "note")).append('.').append(NL);
        out.append("  ").append(message).append(NL);
        return out.toString();
    }

    /** "########|#######   " for a step of {@code jnd}: the bar, the mark at 1 JND through it, ">" past the end. */
    static String bar(double jnd) {
        int n = (int) Math.round(Math.max(0, jnd) * CHARS_PER_JND);
        StringBuilder sb = new StringBuilder(CHART_CHARS + 1);
        for (int c = 0; c < CHART_CHARS; c++) sb.append(c == CHARS_PER_JND ? '|' : c < n ? '#' : ' ');
        sb.append(n > CHART_CHARS ? '>' : ' ');
        if (n == 0 && jnd > 0) sb.setCharAt(0, '.');
        return sb.toString();
    }


    // ------------------------------------------------------------------ JSON

    public static String json(LetItGoMeter.Result r) {
        ObjectNode o = NODES.objectNode();
        o.put("schema", SCHEMA);
        o.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT));
        o.put("message", r.message());
        JsonReport.put(o, "jnd_threshold", 1.0, 1);
        o.put("recent_steps", LetItGoMeter.RECENT);
        ArrayNode versions = o.putArray("versions");
        for (LetItGoMeter.Step s : r.steps()) {
            ObjectNode v = versions.addObject();
            v.put("file", s.file().toString());
            JsonReport.put(v, "jnd", s.jnd(), 2);
            v.put("changes", s.fromPrevious() == null ? 0 : s.fromPrevious().changes());
            v.put("audible_changes", s.fromPrevious() == null ? 0 : s.fromPrevious().audibleChanges());
            v.put("cached", s.cached());
            v.set("largest", s.largest() == null ? NODES.nullNode() : DiffJsonReport.change(s.largest()));
        }
        ObjectNode latest = o.putObject("latest");
        latest.put("file", r.latestCheck().file().toString());
        List<Finding> f = r.latestCheck().findings();
        latest.put("problems", Fmt.count(f, Severity.PROBLEM));
        latest.put("warnings", Fmt.count(f, Severity.WARNING));
        latest.put("notes", Fmt.count(f, Severity.NOTE));
        ArrayNode codes = latest.putArray("problem_codes");
        f.stream().filter(x -> x.severity() == Severity.PROBLEM).map(x -> x.code().name()).distinct().forEach(codes::add);
        try {
            return MAPPER.writeValueAsString(o) + NL;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ HTML

    public static String html(LetItGoMeter.Result r, String source) {
        StringBuilder out = new StringBuilder(32 * 1024);
        String v = switch (r.verdict()) {
            case LET_IT_GO -> "v-clear";
            case FIX_PROBLEMS_FIRST -> "v-problem";
            default -> "v-warning";
        };
        List<String> labels = new ArrayList<>();
        double[] jnd = new double[r.steps().size()];
        for (int i = 0; i < jnd.length; i++) {
            labels.add(DiffTextReport.name(r.steps().get(i).file()));
            jnd[i] = r.steps().get(i).jnd();
        }
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Signoff history: ")
                .append(HtmlReport.esc(source)).append("</title>\n<style>\n").append(HtmlReport.CSS).append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header class=\"top\"><div class=\"brand\">Signoff <span>history</span></div><div class=\"topnote\">")
                .append(HtmlReport.esc(Fmt.plural(jnd.length, "version"))).append("</div></header>\n")
                .append("<div class=\"card summary\"><div class=\"title\"><h2>").append(HtmlReport.esc(source)).append("</h2></div>\n")
                .append("<div class=\"verdict ").append(v).append("\">").append(HtmlReport.esc(r.message())).append("</div></div>\n")
                .append("<div class=\"card\"><h3>Change from the version before</h3><p class=\"caption\">In JNDs: 1 is the smallest change ")
                .append("listeners reliably hear on typical systems (the dashed line). Under it, a version polishes rather than improves.</p>\n<div class=\"plot\">")
                .append(Plots.letItGo(labels, jnd)).append("</div></div>\n")
                .append("<div class=\"card\"><h3>Versions</h3><table class=\"findings\"><thead><tr><th>Version</th><th class=\"num\">JND</th><th>Largest change</th></tr></thead><tbody>\n");
        for (LetItGoMeter.Step s : r.steps()) {
            out.append("<tr><td>").append(HtmlReport.esc(DiffTextReport.name(s.file()))).append("</td><td class=\"num\">")
                    .append(s.fromPrevious() == null ? "-" : HtmlReport.esc(String.format(Locale.ROOT, "%.1f", s.jnd()))).append("</td><td>")
                    .append(s.fromPrevious() == null ? "first version" : s.largest() == null ? "no change" : HtmlReport.esc(s.largest().message()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody></table></div>\n<footer>Just-noticeable differences: level ").append(Audibility.LEVEL_JND_DB)
                .append(" dB, a frequency range ").append(Audibility.TONAL_OCTAVE_JND_DB).append("-").append(Audibility.TONAL_THIRD_OCTAVE_JND_DB)
                .append(" dB, balance ").append(Audibility.BALANCE_JND_DB).append(" dB, width ").append(Audibility.WIDTH_JND_DB)
                .append(" dB (docs/revisions.md).</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }
}
