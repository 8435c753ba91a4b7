package dev.signoff.session;

import java.util.List;
import java.util.Locale;

/** The session audit as text: one summary line, the findings worst first, the counts. */
public final class SessionTextReport {
    private SessionTextReport() {}

    private static final String NL = System.lineSeparator();

    public static String render(Session s, List<SessionFinding> findings) {
        StringBuilder sb = new StringBuilder();
        sb.append(s.file().getFileName()).append("  ").append(summary(s)).append(NL);
        if (!s.markers().isEmpty()) {
            sb.append("  markers ");
            for (Marker m : s.markers()) sb.append(' ').append(m.name().isEmpty() ? "(unnamed)" : m.name()).append(' ').append(SessionAudit.clock(m.timeS())).append(' ');
            sb.setLength(sb.length() - 1);
            sb.append(NL);
        }
        sb.append(NL);
        int codeWidth = findings.stream().mapToInt(f -> f.code().name().length()).max().orElse(0);
        int trackWidth = Math.min(24, findings.stream().mapToInt(f -> f.track().length()).max().orElse(0));
        String pad = " ".repeat(2 + 8 + codeWidth + 2 + trackWidth + 2);
        for (SessionFinding f : findings) {
            sb.append("  ").append(padded(f.severity().name(), 7)).append(' ').append(padded(f.code().name(), codeWidth)).append("  ")
                    .append(padded(cut(f.track(), trackWidth), trackWidth)).append("  ").append(f.message())
                    .append(NL).append(pad).append(f.hint()).append(NL);
        }
        if (!findings.isEmpty()) sb.append(NL);
        sb.append("  ").append(counts(findings)).append(NL);
        return sb.toString();
    }

    /** "REAPER  48 kHz  120 BPM  14 tracks  31 items  18 media files  5 markers". */
    public static String summary(Session s) {
        long tracks = s.tracks().stream().filter(t -> t.kind() != Track.Kind.MASTER).count();
        long buses = s.tracks().stream().filter(t -> t.kind() == Track.Kind.BUS || t.kind() == Track.Kind.FOLDER).count();
        long items = s.tracks().stream().mapToLong(t -> t.items().size()).sum();
        long plugins = s.tracks().stream().mapToLong(t -> t.plugins().size()).sum();
        StringBuilder sb = new StringBuilder(s.daw().label());
        sb.append("  ").append(s.sampleRate() > 0 ? SessionAudit.khz(s.sampleRate()) : "no session rate recorded");
        if (s.tempoBpm() > 0) sb.append("  ").append(String.format(Locale.ROOT, "%.6g", s.tempoBpm()).replaceAll("\\.?0+$", "")).append(" BPM");
        sb.append("  ").append(plural(tracks, "track"));
        if (buses > 0) sb.append(" (").append(buses).append(" folders/buses)");
        sb.append("  ").append(plural(items, "item")).append("  ").append(plural(plugins, "plugin"));
        sb.append("  ").append(plural(s.usedMedia().size(), "media file")).append("  ").append(plural(s.markers().size(), "marker"));
        return sb.toString();
    }

    /** "1 problem, 4 warnings, 0 notes." and what to do about it. */
    public static String counts(List<SessionFinding> findings) {
        boolean problem = findings.stream().anyMatch(f -> f.severity() == Severity.PROBLEM);
        return tally(findings) + "." + (problem ? " Fix the problems before the session is archived." : findings.isEmpty() ? " The session is tidy." : "");
    }

    /** "1 problem, 4 warnings, 0 notes". */
    public static String tally(List<SessionFinding> findings) {
        long p = findings.stream().filter(f -> f.severity() == Severity.PROBLEM).count();
        long w = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        long n = findings.stream().filter(f -> f.severity() == Severity.NOTE).count();
        return plural(p, "problem") + ", " + plural(w, "warning") + ", " + plural(n, "note");
    }

    static String plural(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    private static String padded(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
