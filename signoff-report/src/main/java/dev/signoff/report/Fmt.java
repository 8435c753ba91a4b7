package dev.signoff.report;

import dev.signoff.analysis.vocal.LeadVocal;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.findings.Finding;
import dev.signoff.analysis.findings.Severity;
import dev.signoff.audio.StreamInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Formatting shared by the text and HTML reports. */
final class Fmt {
    private Fmt() {}

    /** "48 kHz 24-bit stereo WAV PCM", "44.1 kHz 32-bit float mono WAV", "44.1 kHz stereo MP3". */
    static String format(StreamInfo info) {
        StringBuilder sb = new StringBuilder(rate(info.sampleRate()));
        if (info.bitsPerSample() > 0) sb.append(' ').append(info.bitsPerSample()).append("-bit");
        if (info.floatingPoint()) sb.append(" float");
        sb.append(' ').append(channels(info.channels()));
        if (info.format() != null && !info.format().isBlank()) sb.append(' ').append(info.format());
        return sb.toString();
    }

    static String rate(int hz) {
        return java.math.BigDecimal.valueOf(hz, 3).stripTrailingZeros().toPlainString() + " kHz";
    }

    static String channels(int n) {
        return switch (n) {
            case 1 -> "mono";
            case 2 -> "stereo";
            case 6 -> "5.1";
            case 8 -> "7.1";
            default -> n + "-channel";
        };
    }

    /** One decimal, or "-" when not finite (silence, no data). */
    static String num(double v) {
        return Double.isFinite(v) ? Clock.db(v) : "-";
    }

    static String signed(double v) {
        return Double.isFinite(v) ? Clock.signedDb(v) : "-";
    }

    static String corr(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    /** m:ss.s, or m:ss.s-m:ss.s, or "whole mix" for findings without a place in time. */
    static String when(Finding f) {
        if (f.startS() == null) return "whole mix";
        double start = f.startS(), end = f.endS() == null ? start : f.endS();
        return Math.abs(end - start) < 0.05 ? Clock.format(start) : Clock.range(start, end);
    }

    /** Worst first; findings of equal severity keep the analysis' ranking. */
    static List<Finding> worstFirst(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity));
        return sorted;
    }

    static int count(List<Finding> findings, Severity s) {
        return (int) findings.stream().filter(f -> f.severity() == s).count();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** "2 problems, 1 warning, 0 notes" */
    static String counts(List<Finding> findings) {
        return plural(count(findings, Severity.PROBLEM), "problem") + ", "
                + plural(count(findings, Severity.WARNING), "warning") + ", "
                + plural(count(findings, Severity.NOTE), "note");
    }

    /** The one-line verdict for a file, plain and honest. */
    static String verdict(List<Finding> findings) {
        int p = count(findings, Severity.PROBLEM), w = count(findings, Severity.WARNING), n = count(findings, Severity.NOTE);
        if (p + w + n == 0) return "No problems found - nothing Signoff measures stands between this mix and the client.";
        if (p + w == 0) return "No problems or warnings - " + plural(n, "note") + " worth a glance, often deliberate choices.";
        if (p == 0) return counts(findings) + ". Nothing is technically wrong; have a listen to the warnings.";
        return counts(findings) + ". Fix the " + (p == 1 ? "problem" : "problems") + " before the mix goes out.";
    }

    /** "a.wav, b.wav": the references' file names, in order. */
    static String referenceNames(dev.signoff.analysis.references.ReferenceComparison c) {
        return String.join(", ", c.references().stream().map(dev.signoff.analysis.references.Reference::name).toList());
    }

    /** "no lead vocal found (a voice in 3 % of the music)", or "no lead vocal (--instrumental)". */
    static String noLeadVocal(LeadVocal v) {
        if (v.forced()) return "no lead vocal (--instrumental)";
        return "no lead vocal found (a voice in " + Math.round(100 * v.share()) + " % of the music)";
    }
}
