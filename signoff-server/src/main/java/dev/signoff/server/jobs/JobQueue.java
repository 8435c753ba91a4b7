package dev.signoff.server.jobs;

import dev.signoff.server.store.Ids;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The background work queue, kept in the {@code jobs} table so any server instance sharing the
 * database can pick up work. A worker claims a job with a conditional UPDATE (state still
 * 'queued', or 'running' with its lease run out) and checks that it changed exactly one row: the
 * database decides, so two workers never both win a job, on SQLite (one writer at a time) and on
 * PostgreSQL (the row lock makes the second UPDATE re-check the condition and find it false).
 *
 * <p>A claim holds a lease the worker renews while it works. A worker that dies stops renewing;
 * once the lease runs out the job is claimed again, up to {@value #MAX_ATTEMPTS} attempts, then
 * it fails with the last error. Finishing is conditional on still holding the lease, so a worker
 * that was presumed dead cannot overwrite the result of the one that took over.
 *
 * <p>An attempt that failed waits before the next ({@link #BACKOFF}: 30 s, 2 min, 10 min), so a
 * cause outside the job (a full disk, a folder the server may not write, a database restarting)
 * has time to pass instead of using up every attempt within a second.
 */
public final class JobQueue {
    /** The pause after failed attempt 1, 2, 3; the attempt after the last pause is the last. */
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
    public static final int MAX_ATTEMPTS = 4;
    public static final String ANALYSE = "analyse";
    /** Feedback translation of one comment ({@code commentId}) against its version. */
    public static final String WORDS = "words";
    /**
     * The comparison of a ready version with the one before it, alone: queued by the V7 migration
     * for versions analysed before comparisons existed (new versions get theirs in {@link #ANALYSE}).
     */
    public static final String COMPARE = "compare";
    /**
     * A version's listening preview, alone: queued by the V10 migration for versions uploaded before
     * previews existed (new versions get theirs in {@link #ANALYSE}).
     */
    public static final String PREVIEW = "preview";

    /** A claimed job: run it, renew its lease, then {@link #complete} or {@link #fail} it. */
    public record Claim(String jobId, String kind, String versionId, int attempt, String worker, String commentId) {
        public Claim(String jobId, String kind, String versionId, int attempt, String worker) {
            this(jobId, kind, versionId, attempt, worker, null);
        }
    }

    private static final String CLAIMABLE =
            "(state = 'queued' AND (not_before IS NULL OR not_before <= :now)) OR (state = 'running' AND lease_until < :now)";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Duration lease;

    public JobQueue(Jdbi jdbi, Clock clock, Duration lease) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.lease = lease;
    }

    public Duration lease() { return lease; }

    /** The server's clock (the time jobs and what they store are stamped with). */
    Clock clock() { return clock; }

    /** Queues a job inside the caller's transaction (so it exists exactly when its version does). */
    public String enqueue(Handle h, String kind, String versionId) {
        return enqueue(h, kind, versionId, null);
    }

    /** Queues a job about one comment (a {@link #WORDS} job) inside the caller's transaction. */
    public String enqueue(Handle h, String kind, String versionId, String commentId) {
        String id = Ids.newId();
        long now = clock.millis();
        h.createUpdate("INSERT INTO jobs (id, kind, version_id, comment_id, state, attempts, created_at, updated_at) VALUES (:id, :kind, :v, :c, 'queued', 0, :now, :now)")
                .bind("id", id).bind("kind", kind).bind("v", versionId).bind("c", commentId).bind("now", now).execute();
        return id;
    }

    /** Whether a job of {@code kind} about {@code versionId} is queued or running, inside {@code h}'s transaction. */
    public boolean pending(Handle h, String kind, String versionId) {
        return h.createQuery("SELECT COUNT(*) FROM jobs WHERE kind = :kind AND version_id = :v AND state IN ('queued', 'running')")
                .bind("kind", kind).bind("v", versionId).mapTo(Integer.class).one() > 0;
    }

    /** The oldest job that is due or whose worker stopped renewing, now held by {@code worker}; empty when none. */
    public Optional<Claim> claim(String worker) {
        long now = clock.millis();
        List<String> candidates = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM jobs WHERE " + CLAIMABLE + " ORDER BY created_at LIMIT 8")
                .bind("now", now).mapTo(String.class).list());
        for (String id : candidates) {
            int won = jdbi.withHandle(h -> h.createUpdate(
                            "UPDATE jobs SET state = 'running', worker = :w, lease_until = :lease, attempts = attempts + 1, not_before = NULL, updated_at = :now "
                                    + "WHERE id = :id AND (" + CLAIMABLE + ")")
                    .bind("w", worker).bind("lease", now + lease.toMillis()).bind("now", now).bind("id", id).execute());
            if (won == 1) {
                return jdbi.withHandle(h -> h.createQuery("SELECT id, kind, version_id, attempts, worker, comment_id FROM jobs WHERE id = :id")
                        .bind("id", id).map((rs, ctx) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)))
                        .findOne());
            }
        }
        return Optional.empty();
    }

    /** Every job being worked on now, as its worker's claim (for finding those whose worker is gone). */
    public List<Claim> running() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, kind, version_id, attempts, worker, comment_id FROM jobs WHERE state = 'running'")
                .map((rs, ctx) -> new Claim(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)))
                .list());
    }

    /** Extends the lease; false when this worker no longer holds the job (it was presumed dead and taken over). */
    public boolean renew(Claim c) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE jobs SET lease_until = :lease, updated_at = :now WHERE id = :id AND worker = :w AND state = 'running' AND attempts = :a")
                .bind("lease", now + lease.toMillis()).bind("now", now).bind("id", c.jobId()).bind("w", c.worker())
                .bind("a", c.attempt()).execute()) == 1;
    }

    /** Marks the job done inside {@code h}'s transaction; false (the caller rolls back) when the claim was lost. */
    public boolean complete(Handle h, Claim c) {
        return finish(h, c, "done", null);
    }

    /** Marks the job failed for good inside {@code h}'s transaction; false when the claim was lost. */
    public boolean fail(Handle h, Claim c, String error) {
        return finish(h, c, "failed", error);
    }

    /**
     * Puts the job back in the queue to be claimed at once, keeping the error: the attempt did not
     * fail, it was cut short (the server stopping). False when the claim was lost.
     */
    public boolean retry(Claim c, String error) {
        return jdbi.withHandle(h -> retry(h, c, error));
    }

    /** {@link #retry(Claim, String)} inside {@code h}'s transaction. */
    public boolean retry(Handle h, Claim c, String error) {
        return finish(h, c, "queued", error, null);
    }

    /** The pause before the attempt after failed attempt {@code attempt} (the last pause for any later one). */
    public static Duration backoff(int attempt) {
        return BACKOFF.get(Math.min(Math.max(attempt, 1), BACKOFF.size()) - 1);
    }

    /**
     * After an error: back in the queue while attempts remain, claimable once {@link #backoff} has
     * passed, and then {@code retrying} runs with that pause; else failed for good, and then
     * {@code failedForGood} runs. Either runs in the same transaction, only if the claim was still held.
     */
    public void retryOrFail(Claim c, String error, BiConsumer<Handle, Duration> retrying, Consumer<Handle> failedForGood) {
        jdbi.useTransaction(h -> {
            if (c.attempt() < MAX_ATTEMPTS) {
                Duration pause = backoff(c.attempt());
                if (finish(h, c, "queued", error, clock.millis() + pause.toMillis())) retrying.accept(h, pause);
            } else if (fail(h, c, error)) {
                failedForGood.accept(h);
            }
        });
    }

    /** {@link #retryOrFail(Claim, String, BiConsumer, Consumer)} for a job with nothing else to record while it waits. */
    public void retryOrFail(Claim c, String error, Consumer<Handle> failedForGood) {
        retryOrFail(c, error, (h, pause) -> { }, failedForGood);
    }

    private boolean finish(Handle h, Claim c, String state, String error) {
        return finish(h, c, state, error, null);
    }

    private boolean finish(Handle h, Claim c, String state, String error, Long notBefore) {
        return h.createUpdate("UPDATE jobs SET state = :state, error = :error, lease_until = NULL, not_before = :notBefore, updated_at = :now "
                        + "WHERE id = :id AND worker = :w AND state = 'running' AND attempts = :a")
                .bind("state", state).bind("error", error).bind("notBefore", notBefore).bind("now", clock.millis()).bind("id", c.jobId())
                .bind("w", c.worker()).bind("a", c.attempt()).execute() == 1;
    }
}
