package dev.signoff.server.notify;

import dev.signoff.server.store.FeedbackNotices;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import org.jdbi.v3.core.Handle;

import java.time.Duration;

/**
 * Puts the emails the engineer asked for into the outbox, inside the transaction of what they are
 * about: a comment stored is an email owed, even if the server stops the next moment, and an email is
 * never owed for something that was rolled back. Sending is {@link MailSender}'s job, off the requests.
 *
 * <p>A person's comments come in bursts while they listen: the comments one person writes on one
 * version go in one email, sent once they have written nothing for {@link #QUIET} (and at the latest
 * {@link #GATHER_AT_MOST} after the first). A band's notes already arrive as one round, one email.
 */
public final class Notices implements FeedbackNotices {
    public static final Duration QUIET = Duration.ofMinutes(2);
    public static final Duration GATHER_AT_MOST = Duration.ofMinutes(10);
    /** This instance sends no email: nothing is queued. */
    public static final Notices NONE = new Notices(null);

    public enum Event {
        FEEDBACK("on_feedback"), APPROVAL("on_approval"), FIRST_OPEN("on_first_open");
        final String column;
        Event(String column) { this.column = column; }
    }

    private final MailSettings mail;

    public Notices(MailSettings mail) { this.mail = mail; }

    /** A person's comment: joins the email still gathering their comments on that version, or starts one. */
    @Override public void comment(Handle h, ShareLink link, String versionId, String commentId, long now) {
        if (!wanted(h, Event.FEEDBACK)) return;
        String key = "feedback:" + link.id() + ":" + versionId;
        // Updating first takes the row's lock on PostgreSQL: a sender claiming this email at the same moment
        // either waits for this comment to commit (and sends it) or has already moved the email off this key.
        int gathering = h.createUpdate("UPDATE mail_outbox SET due_at = CASE WHEN gather_until < :quiet THEN gather_until ELSE :quiet END WHERE group_key = :k")
                .bind("quiet", now + QUIET.toMillis()).bind("k", key).execute();
        String id = gathering > 0
                ? h.createQuery("SELECT id FROM mail_outbox WHERE group_key = :k").bind("k", key).mapTo(String.class).one()
                : queue(h, "feedback", key, link, versionId, null, now, now + QUIET.toMillis(), now + GATHER_AT_MOST.toMillis());
        h.createUpdate("INSERT INTO mail_outbox_comments (outbox_id, comment_id) VALUES (:o, :c)").bind("o", id).bind("c", commentId).execute();
    }

    @Override public void round(Handle h, ShareLink link, String roundId, String versionId, long now) {
        if (wanted(h, Event.FEEDBACK)) queue(h, "round", "round:" + roundId, link, versionId, roundId, now, now, now);
    }

    @Override public void approval(Handle h, ShareLink link, String approvalId, String versionId, long now) {
        if (wanted(h, Event.APPROVAL)) queue(h, "approval", "approval:" + approvalId, link, versionId, approvalId, now, now, now);
    }

    /** The link was opened for the first time (once per link, ever). */
    public void firstOpen(Handle h, ShareLink link, String listenerId, long now) {
        if (wanted(h, Event.FIRST_OPEN)) queue(h, "opened", "opened:" + link.id(), link, null, listenerId, now, now, now);
    }

    private boolean wanted(Handle h, Event event) {
        if (mail == null) return false;
        NotificationSettings.Choice s = NotificationSettings.read(h);
        return s.wants(event) && (s.email() != null || mail.notifyTo() != null);
    }

    private static String queue(Handle h, String kind, String key, ShareLink link, String versionId, String subjectId,
                                long now, long due, long gatherUntil) {
        String id = Ids.newId();
        int inserted = h.createUpdate("""
                        INSERT INTO mail_outbox (id, kind, group_key, project_id, link_id, version_id, subject_id, created_at, due_at, gather_until)
                        VALUES (:id, :kind, :key, :p, :l, :v, :s, :now, :due, :until) ON CONFLICT (group_key) DO NOTHING""")
                .bind("id", id).bind("kind", kind).bind("key", key).bind("p", link.projectId()).bind("l", link.id())
                .bind("v", versionId).bind("s", subjectId).bind("now", now).bind("due", due).bind("until", gatherUntil).execute();
        return inserted == 1 ? id : h.createQuery("SELECT id FROM mail_outbox WHERE group_key = :k").bind("k", key).mapTo(String.class).one();
    }
}
