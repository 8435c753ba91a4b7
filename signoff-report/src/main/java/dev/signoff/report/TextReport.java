package dev.signoff.report;

import dev.signoff.analysis.CheckResult;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.analysis.stereo.StereoResult;
import dev.signoff.analysis.vocal.LeadVocal;

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
        if (!LeadVocal.judgeSibilance(m.leadVocal())) line(INDENT + paint(DIM, Fmt.noLeadVocal(m.leadVocal()) + ": sibilance not judged"));
        if (m.sections() != null && m.sections().sections().size() > 1) line(INDENT + paint(DIM, "sections  " + sections(m.sections())));
        if (r.devices() != null) {
            line(INDENT + paint(DIM, "chorus lift  " + chorusLifts(r.devices())));
            line(INDENT + paint(DIM, "vocal band   " + (LeadVocal.judgeSibilance(m.leadVocal()) ? ""
                    : Fmt.noLeadVocal(m.leadVocal()) + "; the 1-4 kHz band: ") + vocals(r.devices())));
            if (r.devices().hasLowEnd()) {
                line(INDENT + paint(DIM, "kick         " + kicks(r.devices())));
                line(INDENT + paint(DIM, "bass         " + basses(r.devices())));
            }
        }
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
        List<String> streaming = new java.util.ArrayList<>(StreamingSections.platformLines(r.platforms(), m.loudness() == null ? Double.NaN : m.loudness().integratedLufs()));
        if (!streaming.isEmpty() && r.codecs() != null) streaming.add("");
        streaming.addAll(StreamingSections.codecLines(r.codecs()));
        if (!streaming.isEmpty()) line("");
        for (String s : streaming) line(s.isEmpty() ? "" : INDENT + paint(DIM, s));
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

    /**
     * "monitors +15.9 dB  phone +6.7 click  bt-speaker lost 4/5 ...": per device, how far the kick
     * stands out in its weakest section with a kick (and where, when not in the monitors' region),
     * or in how many of the sections with a kick it is lost.
     */
    static String kicks(dev.signoff.analysis.devices.DeviceTranslation t) {
        var mon = t.monitors();
        int with = 0;
        for (int i = 0; i < t.sections().size(); i++) if (!Double.isNaN(mon.lowEnd(i).kickDb())) with++;
        if (with == 0) return "- (no kick stands out of the mix for long enough to follow)";
        StringBuilder sb = new StringBuilder();
        for (var d : t.devices()) {
            int lost = 0, weakest = -1;
            for (int i = 0; i < t.sections().size(); i++) {
                var le = d.lowEnd(i);
                if (le.kickLost()) lost++;
                else if (!Double.isNaN(le.kickDb()) && (weakest < 0 || le.kickDb() < d.lowEnd(weakest).kickDb())) weakest = i;
            }
            if (sb.length() > 0) sb.append("  ");
            sb.append(d.id()).append(' ');
            if (lost > 0) sb.append("lost ").append(lost).append('/').append(with);
            else if (weakest >= 0) {
                var le = d.lowEnd(weakest);
                sb.append(Fmt.signed(le.kickDb()));
                if (d == t.devices().get(0)) sb.append(" dB");
                if (le.kickRegion() != mon.lowEnd(weakest).kickRegion() || d == t.devices().get(0)) sb.append(' ').append(le.kickRegion().id());
            } else sb.append('-');
        }
        return sb.toString();
    }

    /** "monitors -2.1 dB  phone -21.0  bt-speaker lost 4/4 ...": per device, the bass partials it plays in the weakest section, relative to that section's level, or in how many sections the bass is lost. */
    static String basses(dev.signoff.analysis.devices.DeviceTranslation t) {
        var mon = t.monitors();
        int with = 0;
        for (int i = 0; i < t.sections().size(); i++) if (!Double.isNaN(mon.lowEnd(i).bassDb())) with++;
        if (with == 0) return "- (no bass line stands out of the mix)";
        StringBuilder sb = new StringBuilder();
        for (var d : t.devices()) {
            int lost = 0;
            double weakest = Double.NaN;
            for (int i = 0; i < t.sections().size(); i++) {
                var le = d.lowEnd(i);
                if (le.bassLost()) lost++;
                else if (!Double.isNaN(le.bassDb()) && !(le.bassDb() >= weakest)) weakest = le.bassDb();
            }
            if (sb.length() > 0) sb.append("  ");
            sb.append(d.id()).append(' ');
            if (lost > 0) sb.append("lost ").append(lost).append('/').append(with);
            else sb.append(Fmt.signed(weakest)).append(d == t.devices().get(0) ? " dB" : "");
        }
        return sb.toString();
    }

    /**
     * "monitors 0.0 dB  phone +4.9  car -1.2 ...": per device, the vocal band's (1-4 kHz) level
     * against the section's, minus the same on monitors, averaged over the musical sections.
     */
    static String vocals(dev.signoff.analysis.devices.DeviceTranslation t) {
        StringBuilder sb = new StringBuilder();
        for (var d : t.devices()) {
            if (sb.length() > 0) sb.append("  ");
            sb.append(d.id()).append(' ').append(Fmt.signed(meanVocalDb(t, d)));
            if (d == t.devices().get(0)) sb.append(" dB");
        }
        return sb.toString();
    }

    /** The mean of a device's vocal-band figure over the sections that are not quiet (NaN without any). */
    static double meanVocalDb(dev.signoff.analysis.devices.DeviceTranslation t, dev.signoff.analysis.devices.DeviceTranslation.DeviceReading d) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < t.sections().size(); i++) {
            double v = d.sectionVocalDb()[i];
            if (t.sections().get(i).quiet() || Double.isNaN(v)) continue;
            sum += v;
            n++;
        }
        return n == 0 ? Double.NaN : sum / n;
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
