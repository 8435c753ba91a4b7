package dev.signoff.server.notify;

import dev.signoff.server.notify.MailOutbox.Claimed;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What a notification says, written when it is sent from what the database holds then: the project,
 * the version, the person or band, the comments (shortened to {@value #EXCERPT} characters each) and a
 * link to the project page at the address the engineer's own browser uses for the server.
 */
public final class NotificationMail {
    static final int EXCERPT = 280;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm zzz", Locale.ENGLISH);

    /** A plain-text email, ready to send. */
    public record Mail(String to, String subject, String body) {}

    private final ZoneId zone;

    public NotificationMail(ZoneId zone) { this.zone = zone; }

    private record About(String project, String artist, String linkLabel, String audience, Integer versionNumber, String versionLabel) {
        String title() { return "\u201C" + project + "\u201D" + (artist.isBlank() ? "" : " by " + artist); }
        String version() { return versionNumber == null ? "" : "v" + versionNumber + (versionLabel.isBlank() ? "" : " (" + versionLabel + ")"); }
        boolean band() { return "band".equals(audience); }
    }

    private record Line(double startS, Double endS, String author, String body) {}

    public Mail compose(Handle h, Claimed c, String to, String origin) {
        About about = h.createQuery("""
                        SELECT p.name, p.artist, l.label, l.audience, v.number, v.label FROM projects p
                        LEFT JOIN share_links l ON l.id = :l
                        LEFT JOIN versions v ON v.id = :v
                        WHERE p.id = :p""")
                .bind("p", c.projectId()).bind("l", c.linkId()).bind("v", c.versionId())
                .map((rs, ctx) -> {
                    int number = rs.getInt(5);
                    Integer versionNumber = rs.wasNull() ? null : number;
                    return new About(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), versionNumber,
                            rs.getString(6) == null ? "" : rs.getString(6));
                }).one();
        String link = origin == null
                ? "Open the project \u201C" + about.project() + "\u201D in Signoff to see it all."
                : "Open the project: " + origin + "/projects/" + c.projectId();
        return switch (c.kind()) {
            case "feedback" -> feedback(about, lines(h, "SELECT c.start_s, c.end_s, c.author, c.body FROM mail_outbox_comments oc JOIN comments c ON c.id = oc.comment_id WHERE oc.outbox_id = :id ORDER BY c.start_s, c.created_at", c.id()), to, link);
            case "round" -> round(about, lines(h, "SELECT c.start_s, c.end_s, c.author, c.body FROM revision_items i JOIN comments c ON c.id = i.comment_id WHERE i.round_id = :id ORDER BY c.start_s, c.created_at", c.subjectId()),
                    h.createQuery("SELECT sent_by FROM rounds WHERE id = :r").bind("r", c.subjectId()).mapTo(String.class).findOne().orElse(about.linkLabel()), to, link);
            case "approval" -> approval(h, about, c.subjectId(), to, link);
            case "opened" -> opened(h, about, c.subjectId(), to, link);
            default -> throw new IllegalStateException("unknown notification kind " + c.kind());
        };
    }

    private static List<Line> lines(Handle h, String sql, String id) {
        return h.createQuery(sql).bind("id", id).map((rs, ctx) -> {
            double end = rs.getDouble(2);
            Double endS = rs.wasNull() ? null : end;
            return new Line(rs.getDouble(1), endS, rs.getString(3), rs.getString(4));
        }).list();
    }

    private static Mail feedback(About a, List<Line> lines, String to, String link) {
        String who = lines.isEmpty() ? a.linkLabel() : lines.get(0).author();
        String count = lines.size() == 1 ? "a comment" : lines.size() + " comments";
        String subject = who + ": " + count + " on " + a.version() + " of " + a.title();
        String intro = who + (who.equals(a.linkLabel()) ? "" : " (link for " + a.linkLabel() + ")") + " wrote " + count + " on " + a.version() + " of " + a.title() + ":";
        return new Mail(to, subject, intro + "\n\n" + list(lines) + "\n" + link + "\n");
    }

    private static Mail round(About a, List<Line> lines, String sentBy, String to, String link) {
        String count = lines.size() == 1 ? "1 note" : lines.size() + " notes";
        String subject = a.linkLabel() + " sent " + count + " on " + a.version() + " of " + a.title();
        String intro = sentBy + " sent " + a.linkLabel() + "\u2019s collated notes (" + count + ", newest version " + a.version() + ") on " + a.title() + ":";
        return new Mail(to, subject, intro + "\n\n" + list(lines) + "\n" + link + "\n");
    }

    private Mail approval(Handle h, About a, String approvalId, String to, String link) {
        record Approved(String name, String note, long at) {}
        Approved ap = h.createQuery("SELECT name, note, created_at FROM approvals WHERE id = :id").bind("id", approvalId)
                .map((rs, ctx) -> new Approved(rs.getString(1), rs.getString(2), rs.getLong(3))).one();
        String subject = ap.name() + " approved " + a.version() + " of " + a.title() + " as the final mix";
        String body = ap.name() + " (link for " + a.linkLabel() + ") approved " + a.version() + " of " + a.title()
                + " as the final mix on " + WHEN.format(Instant.ofEpochMilli(ap.at()).atZone(zone)) + "."
                + (ap.note() == null || ap.note().isBlank() ? "" : "\n\nTheir note: " + excerpt(ap.note()))
                + "\n\nThe version is now locked. " + link + "\n";
        return new Mail(to, subject, body);
    }

    private Mail opened(Handle h, About a, String listenerId, String to, String link) {
        record Opened(String device, long at) {}
        Opened o = h.createQuery("SELECT device, opened_at FROM listeners WHERE id = :id").bind("id", listenerId)
                .map((rs, ctx) -> new Opened(rs.getString(1), rs.getLong(2))).one();
        String subject = a.linkLabel() + " opened the link to " + a.title();
        String body = "The link you made for " + a.linkLabel() + " was opened for the first time, on a " + o.device() + ", on "
                + WHEN.format(Instant.ofEpochMilli(o.at()).atZone(zone)) + ".\n\n" + link + "\n";
        return new Mail(to, subject, body);
    }

    private static String list(List<Line> lines) {
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            out.append("  ").append(clock(l.startS())).append(l.endS() == null ? "" : "\u2013" + clock(l.endS()))
                    .append("  ").append(l.author()).append(": ").append(excerpt(l.body())).append('\n');
        }
        return out.toString();
    }

    /** The comment on one line, cut at a word near {@value #EXCERPT} characters. */
    static String excerpt(String text) {
        String one = text.strip().replaceAll("\\s+", " ");
        if (one.length() <= EXCERPT) return one;
        int cut = one.lastIndexOf(' ', EXCERPT);
        return one.substring(0, cut > EXCERPT / 2 ? cut : EXCERPT) + "\u2026";
    }

    /** m:ss, as the pages show times. */
    private static String clock(double seconds) {
        long s = (long) Math.floor(seconds);
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
