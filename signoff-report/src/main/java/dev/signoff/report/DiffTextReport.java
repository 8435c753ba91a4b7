package dev.signoff.report;

import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.revisions.ScopeCheck;

import java.util.List;
import java.util.Locale;

/**
 * The terminal report of `signoff diff`: the two versions, how they line up, what changed (audible
 * changes first, then the smaller ones), and with --asked the scope check.
 */
public final class DiffTextReport {
    private static final String NL = System.lineSeparator();
    private static final String INDENT = "  ";
    private final StringBuilder out = new StringBuilder();

    private DiffTextReport() {}

    /** @param scope the scope check, or null when nothing was asked */
    public static String render(DiffResult r, ScopeCheck.Result scope) {
        DiffTextReport t = new DiffTextReport();
        t.report(r, scope);
        return t.out.toString();
    }

    private void report(DiffResult r, ScopeCheck.Result scope) {
        line(TextReport.oneLine(name(r.newFile())) + " against " + TextReport.oneLine(name(r.oldFile())) + "  "
                + Clock.format(r.newDurationS()) + " against " + Clock.format(r.oldDurationS()) + "  " + Fmt.rate(r.newInfo().sampleRate()));
        line(INDENT + alignment(r) + "   " + nullTest(r));
        line(INDENT + String.format(Locale.ROOT, "loudness %s -> %s LUFS   level change across the bands %s dB (taken out before comparing the tone)",
                Fmt.num(r.oldLoudnessLufs()), Fmt.num(r.newLoudnessLufs()), Fmt.signed(r.levelChangeDb())));
        if (r.sections().sections().size() > 1) line(INDENT + "sections  " + TextReport.sections(r.sections()));
        List<Change> audible = r.changes().stream().filter(Change::audible).toList();
        List<Change> small = r.changes().stream().filter(c -> !c.audible()).toList();
        int kindWidth = r.changes().stream().mapToInt(c -> c.kind().name().length()).max().orElse(0);
        if (!audible.isEmpty()) {
            line("");
            for (Change c : audible) change(c, kindWidth);
        }
        if (!small.isEmpty()) {
            line("");
            line(INDENT + "Smaller than listeners reliably hear:");
            for (Change c : small) change(c, kindWidth);
        }
        if (scope != null) scope(scope, kindWidth);
        line("");
        line(INDENT + verdict(r, audible.size(), small.size()));
    }

    private void change(Change c, int kindWidth) {
        line(INDENT + TextReport.pad(c.kind().name(), kindWidth) + "  " + TextReport.oneLine(c.message()));
    }

    private void scope(ScopeCheck.Result s, int kindWidth) {
        line("");
        line(INDENT + "What was asked (scope check):");
        int statusWidth = s.asked().stream().mapToInt(o -> status(o.status()).length()).max().orElse(0);
        int askWidth = Math.min(40, s.asked().stream().mapToInt(o -> o.request().item().text().length() + 2).max().orElse(0));
        for (ScopeCheck.Outcome o : s.asked()) {
            line(INDENT + TextReport.pad(status(o.status()), statusWidth) + "  " + TextReport.pad("\"" + TextReport.oneLine(o.request().item().text()) + "\"", askWidth)
                    + "  " + TextReport.oneLine(o.message()));
        }
        line("");
        if (s.unasked().isEmpty()) {
            line(INDENT + "Nothing changed that nobody asked for.");
        } else {
            line(INDENT + "Nobody asked for" + (s.unasked().stream().anyMatch(Change::audible) ? "" : " (none of it audible)") + ":");
            for (Change c : s.unasked()) line(INDENT + TextReport.pad(c.kind().name(), kindWidth) + "  " + TextReport.oneLine(c.message())
                    + (c.audible() ? "" : "  (below the JND)"));
        }
    }

    static String status(ScopeCheck.Status s) {
        return switch (s) {
            case DONE -> "DONE";
            case OPPOSITE -> "OTHER WAY";
            case NOT_FOUND -> "NOT FOUND";
            case NOT_MEASURABLE -> "LISTEN";
            case NOT_UNDERSTOOD -> "UNCLEAR";
        };
    }

    /** "lined up as they are", "the music starts 1.234 s later in the new version", "lined up by onsets only". */
    static String alignment(DiffResult r) {
        double s = r.alignment().offsetS();
        long lag = Math.abs(r.alignment().lagFrames());
        // Under a millisecond "0.000 s later" would read as no shift at all: count the samples instead.
        String by = Math.abs(s) >= 0.0005 ? String.format(Locale.ROOT, "%.3f s", Math.abs(s)) : lag + (lag == 1 ? " sample" : " samples");
        String where = s == 0 ? "lined up as they are" : String.format(Locale.ROOT, "the music starts %s %s in the new version", by, s > 0 ? "later" : "earlier");
        return where + (r.alignment().refined() ? " (to the sample)" : " (by onsets only, to about 20 ms)");
    }

    static String nullTest(DiffResult r) {
        if (r.identical()) return "null test: identical audio";
        return Double.isFinite(r.nullResidualDb()) ? "null test " + Fmt.num(r.nullResidualDb()) + " dB" : "null test -";
    }

    static String verdict(DiffResult r, int audible, int small) {
        if (r.identical() && r.changes().isEmpty()) return "The two versions are identical, sample for sample.";
        if (r.identical() && audible == 0) return "The music is identical, sample for sample; only where it sits in the file changed.";
        if (audible + small == 0) return "No change above measurement noise.";
        if (audible == 0) return Fmt.plural(small, "change") + ", none of them big enough for listeners to reliably hear.";
        return Fmt.plural(audible, "audible change") + (small > 0 ? ", " + Fmt.plural(small, "smaller one") : "") + ".";
    }

    static String name(java.nio.file.Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }


    private void line(String s) {
        out.append(s).append(NL);
    }
}
