package dev.signoff.session;

import java.util.List;

/**
 * The session audit, and the recall sheet, as self-contained HTML pages (no scripts, no outside
 * resources). Every piece of text from the session is escaped: track and plugin names are the user's.
 */
public final class SessionHtmlReport {
    private SessionHtmlReport() {}

    private static final String STYLE = "body{font:15px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}"
            + ".problem{color:#b00020;font-weight:600}.warning{color:#a05a00;font-weight:600}.note{color:#555}.hint{color:#555;font-size:.92em}"
            + ".off{color:#a05a00}.gone{color:#b00020}";

    /** The audit: the session's summary, the findings worst first, then the recall sheet's tables. */
    public static String render(Session s, List<SessionFinding> findings) {
        StringBuilder sb = head("Session " + s.file().getFileName());
        sb.append("<h1>").append(esc(s.file().getFileName().toString())).append("</h1>\n<p>").append(esc(SessionTextReport.summary(s))).append("</p>\n");
        sb.append("<h2>Findings</h2>\n<p>").append(esc(SessionTextReport.counts(findings))).append("</p>\n");
        if (!findings.isEmpty()) {
            sb.append("<table><tr><th>Severity</th><th>Code</th><th>Track</th><th>What and why</th></tr>\n");
            for (SessionFinding f : findings) {
                sb.append("<tr><td class=\"").append(f.severity().id()).append("\">").append(f.severity().name()).append("</td><td>").append(f.code().name())
                        .append("</td><td>").append(esc(f.track())).append("</td><td>").append(esc(f.message()))
                        .append("<div class=\"hint\">").append(esc(f.hint())).append("</div></td></tr>\n");
            }
            sb.append("</table>\n");
        }
        body(s, sb);
        return sb.append("</body></html>\n").toString();
    }

    /** The recall sheet: what it takes to reopen the mix as it was, with the bounce's check summary when given. */
    public static String recallSheet(Session s, List<String> bounceSummary) {
        StringBuilder sb = head("Recall sheet: " + s.file().getFileName());
        sb.append("<h1>Recall sheet: ").append(esc(s.file().getFileName().toString())).append("</h1>\n<p>").append(esc(SessionTextReport.summary(s))).append("</p>\n");
        if (bounceSummary != null && !bounceSummary.isEmpty()) {
            sb.append("<h2>Bounce</h2>\n<pre>");
            for (String line : bounceSummary) sb.append(esc(line)).append('\n');
            sb.append("</pre>\n");
        }
        body(s, sb);
        return sb.append("</body></html>\n").toString();
    }

    private static void body(Session s, StringBuilder sb) {
        sb.append("<h2>Tracks and plugin chains</h2>\n<table><tr><th>Track</th><th>Kind</th><th>Items</th><th>Plugins (in order)</th></tr>\n");
        for (Track t : s.tracks()) {
            sb.append("<tr><td>").append(esc(t.name())).append(t.muted() ? " <span class=\"off\">(muted)</span>" : "").append("</td><td>").append(t.kind().id())
                    .append("</td><td>").append(t.items().size()).append("</td><td>");
            for (int i = 0; i < t.plugins().size(); i++) {
                Plugin p = t.plugins().get(i);
                if (i > 0) sb.append("<br>");
                sb.append(i + 1).append(". ").append(esc(SessionAudit.pluginLabel(p)));
                if (p.offline()) sb.append(" <span class=\"gone\">offline</span>");
                else if (p.bypassed()) sb.append(" <span class=\"off\">bypassed</span>");
            }
            sb.append("</td></tr>\n");
        }
        sb.append("</table>\n<h2>Markers</h2>\n");
        if (s.markers().isEmpty()) sb.append("<p>None.</p>\n");
        else {
            sb.append("<table><tr><th>Time</th><th>Name</th></tr>\n");
            for (Marker m : s.markers()) sb.append("<tr><td>").append(SessionAudit.clock(m.timeS())).append("</td><td>").append(esc(m.name())).append("</td></tr>\n");
            sb.append("</table>\n");
        }
        sb.append("<h2>Media</h2>\n<table><tr><th>File</th><th>Rate</th><th>Size</th><th>State</th></tr>\n");
        for (MediaFile m : s.media()) {
            sb.append("<tr><td>").append(esc(SessionAudit.shown(s, m))).append("</td><td>").append(m.sampleRate() > 0 ? SessionAudit.khz(m.sampleRate()) : "")
                    .append("</td><td>").append(SessionAudit.size(m.bytes())).append("</td><td>")
                    .append(!m.exists() ? "<span class=\"gone\">missing</span>" : !m.used() ? "unused" : !m.insideProject() ? "<span class=\"off\">outside the folder</span>" : "")
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static StringBuilder head(String title) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>")
                .append(esc(title)).append("</title><style>").append(STYLE).append("</style></head><body>\n");
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
