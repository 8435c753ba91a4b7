package dev.signoff.server.notify;

import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The outbox's sending side. An email is claimed for a lease (so one of several instances sends it),
 * then marked sent, or put back with a later due time: 30 s after the first failure, doubling up to an
 * hour, given up after {@value #MAX_ATTEMPTS} attempts (about a day and a half of trying).
 */
public final class MailOutbox {
    public static final int MAX_ATTEMPTS = 15;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);

    /** An email this instance is sending: what it is about, and how many attempts came before. */
    public record Claimed(String id, String kind, String projectId, String linkId, String versionId, String subjectId, int attempts) {}

    private final Jdbi jdbi;
    private final Clock clock;

    public MailOutbox(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The next email due, claimed for this instance; empty when none is due. */
    public Optional<Claimed> claimNext() {
        long now = clock.millis();
        return jdbi.inTransaction(h -> {
            Optional<Claimed> due = h.createQuery("""
                            SELECT id, kind, project_id, link_id, version_id, subject_id, attempts FROM mail_outbox
                            WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
                            ORDER BY due_at LIMIT 1""")
                    .bind("now", now)
                    .map((rs, ctx) -> new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7)))
                    .findOne();
            if (due.isEmpty()) return due;
            // A feedback email leaves its gathering key as it is claimed: comments from now on start the next email.
            int claimed = h.createUpdate("""
                            UPDATE mail_outbox SET claimed_until = :lease, group_key = CASE WHEN kind = 'feedback' THEN id ELSE group_key END
                            WHERE id = :id AND sent_at IS NULL AND due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)""")
                    .bind("lease", now + LEASE.toMillis()).bind("id", due.get().id()).bind("now", now).execute();
            return claimed == 1 ? due : Optional.<Claimed>empty();
        });
    }

    public void sent(String id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE mail_outbox SET sent_at = :now, claimed_until = NULL, last_error = NULL WHERE id = :id")
                .bind("now", clock.millis()).bind("id", id).execute());
    }

    /** Puts a failed email back for a later attempt, or gives up on it after {@value #MAX_ATTEMPTS}. Returns true when given up. */
    public boolean failed(Claimed c, String error) {
        long now = clock.millis();
        int attempts = c.attempts() + 1;
        boolean giveUp = attempts >= MAX_ATTEMPTS;
        long retryIn = Math.min(LONGEST_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempts - 1, 20));
        String message = error == null ? "unknown error" : error.length() > 500 ? error.substring(0, 500) : error;
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE mail_outbox SET attempts = :a, due_at = :due, claimed_until = NULL, last_error = :e, failed_at = :failed
                        WHERE id = :id""")
                .bind("a", attempts).bind("due", now + retryIn).bind("e", message).bind("failed", giveUp ? now : null)
                .bind("id", c.id()).execute());
        return giveUp;
    }
}
