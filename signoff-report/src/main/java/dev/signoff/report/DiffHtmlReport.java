package dev.signoff.report;

import dev.signoff.analysis.diff.Change;
import dev.signoff.analysis.diff.DiffResult;
import dev.signoff.analysis.findings.Clock;
import dev.signoff.analysis.revisions.ScopeCheck;

import java.util.List;

/**
 * One self-contained HTML page for a diff (inline CSS and SVG, no scripts): a summary of the two
 * versions, the change map (frequency by time) and the list of changes, and the scope check when
 * something was asked. Every piece of text from outside is escaped.
 */
public final class DiffHtmlReport {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private DiffHtmlReport() {}

    /** @param scope the scope check, or null */
    public static String render(DiffResult r, ScopeCheck.Result scope) {
        DiffHtmlReport h = new DiffHtmlReport();
        h.page(r, scope);
        return h.out.toString();
    }

    private void page(DiffResult r, ScopeCheck.Result scope) {
        String title = DiffTextReport.name(r.newFile()) + " against " + DiffTextReport.name(r.oldFile());
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Signoff diff: ").append(esc(title)).append("</title>\n<style>\n").append(HtmlReport.CSS)
                .append(".kind{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px;font-weight:600;white-space:nowrap}\n")
                .append("tr.small td{color:var(--muted)}.status{white-space:nowrap;font-weight:600}\n")
                .append("</style>\n</head>\n<body>\n<main>\n")
                .append("<header class=\"top\"><div class=\"brand\">Signoff <span>diff</span></div><div class=\"topnote\">")
                .append(esc(Fmt.plural((int) r.changes().stream().filter(Change::audible).count(), "audible change"))).append("</div></header>\n");
        summary(r);
        changes(r);
        out.append("<div class=\"card\"><h3>Change map</h3><p class=\"caption\">Each 1/3-octave band's change over time, the whole song's level change taken out: ")
                .append("red is louder in the new version, blue quieter, grey not measured (silence, or next to nothing in that band). ")
                .append("An EQ move shows as a row, a level change as a column.</p>\n<div class=\"plot\">")
                .append(Plots.changeMap(r)).append("</div></div>\n");
        if (scope != null) scope(scope);
        out.append("<footer>Changes are measured on the mid signal at matched level; docs/diff.md gives the method and thresholds.</footer>\n</main>\n</body>\n</html>\n");
    }

    private void summary(DiffResult r) {
        long audible = r.changes().stream().filter(Change::audible).count();
        String v = audible > 0 ? "v-warning" : "v-clear";
        out.append("<div class=\"card summary\"><div class=\"title\"><h2>").append(esc(DiffTextReport.name(r.newFile()))).append("</h2>")
                .append("<div class=\"meta\">against ").append(esc(DiffTextReport.name(r.oldFile()))).append(" &middot; ")
                .append(esc(Clock.format(r.newDurationS()) + " against " + Clock.format(r.oldDurationS()))).append(" &middot; ")
                .append(esc(DiffTextReport.alignment(r))).append("</div></div>\n")
                .append("<div class=\"verdict ").append(v).append("\">")
                .append(esc(DiffTextReport.verdict(r, (int) audible, r.changes().size() - (int) audible))).append("</div>\n<div class=\"stats\">");
        stat("Level change across the bands", Fmt.signed(r.levelChangeDb()), "dB");
        stat("Loudness", Fmt.num(r.oldLoudnessLufs()) + " \u2192 " + Fmt.num(r.newLoudnessLufs()), "LUFS");
        stat("Null test", r.identical() ? "identical" : Fmt.num(r.nullResidualDb()), r.identical() ? "" : "dB");
        stat("Offset", String.format(java.util.Locale.ROOT, "%+.3f", r.alignment().offsetS()), "s");
        out.append("</div></div>\n");
    }

    private void stat(String key, String value, String unit) {
        out.append("<div class=\"stat\"><div class=\"k\">").append(esc(key)).append("</div><div class=\"v\">").append(esc(value));
        if (!unit.isEmpty() && !"-".equals(value)) out.append("<span class=\"u\">").append(esc(unit)).append("</span>");
        out.append("</div></div>");
    }

    private void changes(DiffResult r) {
        out.append("<div class=\"card\"><h3>What changed</h3>\n");
        if (r.changes().isEmpty()) {
            out.append("<p class=\"empty\">No change above measurement noise.</p></div>\n");
            return;
        }
        out.append("<table class=\"findings\"><thead><tr><th>Kind</th><th>Where</th><th>Change</th></tr></thead><tbody>\n");
        for (Change c : r.changes()) row(c);
        out.append("</tbody></table></div>\n");
    }

    private void row(Change c) {
        out.append(c.audible() ? "<tr>" : "<tr class=\"small\">").append("<td class=\"kind\">").append(esc(c.kind().id())).append("</td><td class=\"time\">")
                .append(esc(c.where())).append("</td><td><div class=\"msg\">").append(esc(c.message())).append("</div>");
        if (!c.audible()) out.append("<div class=\"hint\">Smaller than listeners reliably hear.</div>");
        out.append("</td></tr>\n");
    }

    private void scope(ScopeCheck.Result s) {
        out.append("<div class=\"card\"><h3>Scope check</h3><table class=\"findings\"><thead><tr><th>Asked</th><th>Status</th><th>What happened</th></tr></thead><tbody>\n");
        for (ScopeCheck.Outcome o : s.asked()) {
            out.append("<tr><td>").append(esc(o.request().item().text())).append("<div class=\"hint\">read as: ").append(esc(o.request().summary()))
                    .append("</div></td><td class=\"status\">").append(esc(DiffTextReport.status(o.status()))).append("</td><td>")
                    .append(esc(o.message())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n<h3 style=\"margin-top:18px\">Nobody asked for</h3>\n");
        if (s.unasked().isEmpty()) {
            out.append("<p class=\"empty\">Nothing: every change answers a request.</p>");
        } else {
            out.append("<table class=\"findings\"><tbody>\n");
            List<Change> unasked = s.unasked();
            for (Change c : unasked) row(c);
            out.append("</tbody></table>");
        }
        out.append("</div>\n");
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }
}
