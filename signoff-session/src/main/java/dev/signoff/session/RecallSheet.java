package dev.signoff.session;

import java.util.List;

/**
 * The recall sheet as Markdown: what it takes to reopen the mix as it was (tracks, each plugin
 * chain with names, vendors and formats, tempo, markers, sample rate) and, when a bounce is given,
 * its check summary. The HTML twin is {@link SessionHtmlReport#recallSheet}.
 */
public final class RecallSheet {
    private RecallSheet() {}

    public static String markdown(Session s, List<String> bounceSummary) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Recall sheet: ").append(cell(s.file().getFileName().toString())).append("\n\n");
        sb.append(SessionTextReport.summary(s).replaceAll(" {2}", ", ")).append(".\n\n");
        sb.append("## Tracks and plugin chains\n\n| Track | Kind | Muted | Items | Plugins, in order |\n|---|---|---|---|---|\n");
        for (Track t : s.tracks()) {
            StringBuilder chain = new StringBuilder();
            for (int i = 0; i < t.plugins().size(); i++) {
                Plugin p = t.plugins().get(i);
                if (i > 0) chain.append("; ");
                chain.append(i + 1).append(". ").append(SessionAudit.pluginLabel(p)).append(p.offline() ? " OFFLINE" : p.bypassed() ? " bypassed" : "");
            }
            sb.append("| ").append(cell(t.name())).append(" | ").append(t.kind().id()).append(" | ").append(t.muted() ? "muted" : "").append(" | ")
                    .append(t.items().size()).append(" | ").append(cell(chain.toString())).append(" |\n");
        }
        sb.append("\n## Markers\n\n");
        if (s.markers().isEmpty()) sb.append("None.\n");
        else {
            sb.append("| Time | Name |\n|---|---|\n");
            for (Marker m : s.markers()) sb.append("| ").append(SessionAudit.clock(m.timeS())).append(" | ").append(cell(m.name())).append(" |\n");
        }
        sb.append("\n## Media\n\n| File | Rate | Size |\n|---|---|---|\n");
        for (MediaFile m : s.usedMedia()) {
            sb.append("| ").append(cell(SessionAudit.shown(s, m))).append(" | ").append(m.sampleRate() > 0 ? SessionAudit.khz(m.sampleRate()) : "").append(" | ")
                    .append(SessionAudit.size(m.bytes())).append(" |\n");
        }
        if (bounceSummary != null && !bounceSummary.isEmpty()) {
            sb.append("\n## Bounce\n\n```text\n");
            for (String line : bounceSummary) sb.append(line).append('\n');
            sb.append("```\n");
        }
        return sb.toString();
    }

    /** Text for a Markdown table cell: a pipe or a line break would end it early. */
    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\R", " ");
    }
}
