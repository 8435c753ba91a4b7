package dev.signoff.report;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.stereo.StereoResult;

import java.util.List;

/**
 * The terminal report: per file a header, one line of key measures and the findings worst first,
 * each with its time and a hint; then a verdict. ANSI colour only when asked for.
 */
public final class TextReport {
    private static final String RESET = "\u001b[0m", BOLD = "\u001b[1m", DIM = "\u001b[2m",
            RED = "\u001b[1;31m", YELLOW = "\u001b[33m", CYAN = "\u001b[36m", GREEN = "\u001b[32m";
    private static final String NL = System.lineSeparator();
    private static final String INDENT = "  ";

    private final boolean colour;
    private final StringBuilder out = new StringBuilder();

    private TextReport(boolean colour) {
        this.colour = colour;
    }

    public static String render(List<FileOutcome> outcomes, boolean colour) {
        TextReport r = new TextReport(colour);
        for (int i = 0; i < outcomes.size(); i++) {
            if (i > 0) r.out.append(NL);
            r.file(outcomes.get(i));
        }
        if (outcomes.size() > 1) r.overall(outcomes);
        return r.out.toString();
    }

    private void file(FileOutcome o) {
        if (!o.ok()) {
            line(paint(BOLD, oneLine(o.displayName())));
            line(INDENT + paint(RED, "error:") + " " + oneLine(o.error()));
            return;
        }
        CheckResult r = o.result();
        Measurements m = r.measurements();
        line(paint(BOLD, oneLine(o.displayName())) + "  " + Clock.format(m.durationS()) + "  " + paint(DIM, Fmt.format(m.info())));
        line(INDENT + measures(m));
        if (m.sections() != null && m.sections().sections().size() > 1) line(INDENT + paint(DIM, "sections  " + sections(m.sections())));
        if (r.devices() != null) line(INDENT + paint(DIM, "chorus lift  " + chorusLifts(r.devices())));
        if (r.references() != null) {
            line(INDENT + paint(DIM, "judged against " + r.references().tonalRange().source() + ": " + oneLine(Fmt.referenceNames(r.references()))));
        }
        List<Finding> findings = Fmt.worstFirst(r.findings());
        if (!findings.isEmpty()) {
            line("");
            int codeWidth = findings.stream().mapToInt(f -> f.code().name().length()).max().orElse(0);
            int whenWidth = findings.stream().mapToInt(f -> Fmt.when(f).length()).max().orElse(0);
            for (Finding f : findings) {
                String tag = pad(f.severity().name(), 7);
                line(INDENT + paint(colourOf(f.severity()), tag) + " " + paint(BOLD, pad(f.code().name(), codeWidth))
                        + "  " + pad(Fmt.when(f), whenWidth) + "  " + oneLine(f.message()));
                if (f.hint() != null && !f.hint().isBlank()) {
                    line(INDENT + " ".repeat(8 + codeWidth + 2 + whenWidth + 2) + paint(DIM, oneLine(f.hint())));
                }
            }
        }
        line("");
        boolean clean = Fmt.count(findings, Severity.PROBLEM) + Fmt.count(findings, Severity.WARNING) == 0;
        line(INDENT + paint(clean ? GREEN : r.hasProblem() ? RED : YELLOW, Fmt.verdict(findings)));
    }

    /** "monitors +2.8 LU  phone +4.8  car +2.2 ...": the chorus lift on each device. */
    static String chorusLifts(dev.signoff.analysis.devices.DeviceTranslation t) {
        if (Double.isNaN(t.monitors().chorusLiftLu())) return "- (no repeated, louder chorus found to compare)";
        StringBuilder sb = new StringBuilder();
        for (var d : t.devices()) {
            if (sb.length() > 0) sb.append("  ");
            sb.append(d.id()).append(' ').append(Fmt.signed(d.chorusLiftLu()));
            // The unit once, after the first (monitors) figure.
            if (d == t.devices().get(0)) sb.append(" LU");
        }
        return sb.toString();
    }

    /** "A 0:00.0  B 0:16.0  C* 0:32.0 ...": label and start of each section, * marking choruses. */
    static String sections(dev.signoff.analysis.sections.SectionsResult r) {
        StringBuilder sb = new StringBuilder();
        for (dev.signoff.analysis.sections.Section s : r.sections()) {
            if (sb.length() > 0) sb.append("  ");
            sb.append(s.label()).append(s.chorus() ? "*" : "").append(' ').append(Clock.format(s.startS()));
        }
        return sb.append(r.chorusLabel() == null ? "" : "   (* chorus)").toString();
    }

    /** "-9.8 LUFS integrated  LRA 5.2 LU  true peak +0.4 dBTP  PLR 10.2 dB  correlation 0.62  side/mid -8.1 dB" */
    static String measures(Measurements m) {
        StringBuilder sb = new StringBuilder();
        sb.append(Fmt.num(m.loudness().integratedLufs())).append(" LUFS integrated");
        sb.append("   LRA ").append(Fmt.num(m.loudness().lraLu())).append(" LU");
        sb.append("   true peak ").append(Fmt.signed(m.peaks().truePeakDbtp())).append(" dBTP");
        sb.append("   PLR ").append(Fmt.num(m.plrDb())).append(" dB");
        StereoResult s = m.stereo();
        if (s != null) {
            sb.append("   correlation ").append(Fmt.corr(s.correlation()));
            sb.append("   side/mid ").append(Fmt.num(s.sideToMidDb())).append(" dB");
        }
        return sb.toString();
    }

    private void overall(List<FileOutcome> outcomes) {
        int failed = 0, withProblems = 0, withWarnings = 0, clean = 0;
        for (FileOutcome o : outcomes) {
            if (!o.ok()) failed++;
            else if (o.result().hasProblem()) withProblems++;
            else if (Fmt.count(o.result().findings(), Severity.WARNING) > 0) withWarnings++;
            else clean++;
        }
        StringBuilder sb = new StringBuilder(Fmt.plural(outcomes.size(), "file")).append(": ");
        sb.append(withProblems).append(" with problems, ").append(withWarnings).append(" with warnings only, ")
                .append(clean).append(" clear");
        if (failed > 0) sb.append(", ").append(failed).append(" could not be read");
        sb.append('.');
        line("");
        line(paint(BOLD, sb.toString()));
    }

    private static String colourOf(Severity s) {
        return switch (s) {
            case PROBLEM -> RED;
            case WARNING -> YELLOW;
            case NOTE -> CYAN;
        };
    }

    private String paint(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private void line(String s) {
        out.append(s).append(NL);
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    /** Keeps each entry on its own line and strips control characters (a file name could carry escapes). */
    static String oneLine(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c == '\n' || c == '\r' || c == '\t' ? ' ' : Character.isISOControl(c) ? '?' : c);
        }
        return sb.toString();
    }
}
