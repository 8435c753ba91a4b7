package dev.signoff.server.jobs;

import dev.signoff.server.store.Database;
import dev.signoff.server.store.Ids;
import dev.signoff.server.support.MutableClock;
import dev.signoff.server.support.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared job queue on real SQLite and PostgreSQL: claims are exclusive, dead workers' jobs come back. */
class JobQueueTest {
    @TempDir Path dir;

    /** Inserts a project and {@code n} versions with a queued job each (rows only: the queue does not read files). */
    private static List<String> queueJobs(Database db, JobQueue queue, int n) {
        List<String> jobs = new ArrayList<>();
        db.jdbi().useTransaction(h -> {
            String project = Ids.newId();
            h.execute("INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)", project, "p" + project);
            for (int i = 1; i <= n; i++) {
                String v = Ids.newId();
                h.execute("INSERT INTO versions (id, project_id, number, file_name, audio_path, format, size_bytes, sha256, sample_rate, channels, duration_s, status, created_at) "
                        + "VALUES (?, ?, ?, 'a.wav', 'audio/x', 'wav', 1, ?, 44100, 2, 1.0, 'queued', 0)", v, project, i, "sha" + i);
                jobs.add(queue.enqueue(h, JobQueue.ANALYSE, v));
            }
        });
        return jobs;
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void twoWorkersRacingForJobsNeverClaimTheSameOne(Database.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            JobQueue queue = new JobQueue(db.jdbi(), java.time.Clock.systemUTC(), Duration.ofMinutes(1));
            List<String> jobs = queueJobs(db, queue, 40);
            List<String> claimed = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> workers = new ArrayList<>();
            for (String name : List.of("worker-a", "worker-b", "worker-c")) {
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        JobQueue.Claim c;
                        while ((c = queue.claim(name).orElse(null)) != null) {
                            claimed.add(c.jobId());
                            JobQueue.Claim done = c;
                            db.jdbi().useTransaction(h -> assertThat(queue.complete(h, done)).isTrue());
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                workers.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : workers) t.join(60_000);
            assertThat(claimed).hasSize(40).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(jobs);
            assertThat(db.jdbi().<Integer, RuntimeException>withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE state = 'done' AND attempts = 1").mapTo(Integer.class).one()))
                    .isEqualTo(40);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aJobIsPendingWhileQueuedOrRunningAndOnlyForItsKindAndVersion(Database.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            JobQueue queue = new JobQueue(db.jdbi(), java.time.Clock.systemUTC(), Duration.ofMinutes(1));
            queueJobs(db, queue, 1);
            String version = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM versions").mapTo(String.class).one());
            java.util.function.BiPredicate<String, String> pending = (k, v) -> db.jdbi().inTransaction(h -> queue.pending(h, k, v));
            assertThat(pending.test(JobQueue.ANALYSE, version)).isTrue();
            assertThat(pending.test(JobQueue.PREVIEW, version)).isFalse();
            assertThat(pending.test(JobQueue.ANALYSE, "another")).isFalse();
            JobQueue.Claim c = queue.claim("worker-a").orElseThrow();
            assertThat(pending.test(JobQueue.ANALYSE, version)).as("running").isTrue();
            db.jdbi().useTransaction(h -> queue.complete(h, c));
            assertThat(pending.test(JobQueue.ANALYSE, version)).as("done").isFalse();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aJobWhoseWorkerDiedIsTakenOverAfterItsLeaseAndTheDeadWorkerCannotFinishIt(Database.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
            JobQueue queue = new JobQueue(db.jdbi(), clock, Duration.ofSeconds(60));
            String job = queueJobs(db, queue, 1).get(0);

            JobQueue.Claim dead = queue.claim("dead-worker").orElseThrow();
            assertThat(dead.jobId()).isEqualTo(job);
            assertThat(dead.attempt()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(30));
            assertThat(queue.claim("other")).as("lease still held").isEmpty();
            assertThat(queue.renew(dead)).isTrue();
            clock.advance(Duration.ofSeconds(59));
            assertThat(queue.claim("other")).as("renewed lease still held").isEmpty();

            clock.advance(Duration.ofSeconds(2));   // no renewal: the worker died
            JobQueue.Claim retry = queue.claim("other").orElseThrow();
            assertThat(retry.jobId()).isEqualTo(job);
            assertThat(retry.attempt()).isEqualTo(2);
            assertThat(queue.renew(dead)).as("the dead worker lost the job").isFalse();
            assertThat(db.jdbi().<Boolean, RuntimeException>inTransaction(h -> queue.complete(h, dead))).isFalse();
            assertThat(db.jdbi().<Boolean, RuntimeException>inTransaction(h -> queue.complete(h, retry))).isTrue();
            assertThat(queue.claim("third")).isEmpty();
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void retriesStopAfterTheLimitAndFailuresKeepTheirError(Database.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
            JobQueue queue = new JobQueue(db.jdbi(), clock, Duration.ofSeconds(10));
            queueJobs(db, queue, 1);
            for (int attempt = 1; attempt <= JobQueue.MAX_ATTEMPTS; attempt++) {
                JobQueue.Claim c = queue.claim("w").orElseThrow();
                assertThat(c.attempt()).isEqualTo(attempt);
                assertThat(queue.retry(c, "boom " + attempt)).isTrue();
            }
            JobQueue.Claim last = queue.claim("w").orElseThrow();
            assertThat(last.attempt()).isGreaterThan(JobQueue.MAX_ATTEMPTS);   // the worker gives up on this one
            assertThat(db.jdbi().<Boolean, RuntimeException>inTransaction(h -> queue.fail(h, last, "gave up"))).isTrue();
            assertThat(queue.claim("w")).isEmpty();
            assertThat(db.jdbi().<String, RuntimeException>withHandle(h -> h.createQuery("SELECT state || ':' || error FROM jobs").mapTo(String.class).one()))
                    .isEqualTo("failed:gave up");
        }
    }
    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aFailedAttemptWaitsLongerEachTimeBeforeTheNextAndTheLastFailsForGood(Database.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
            JobQueue queue = new JobQueue(db.jdbi(), clock, Duration.ofSeconds(60));
            queueJobs(db, queue, 1);
            List<Duration> waited = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int attempt = 1; attempt <= JobQueue.MAX_ATTEMPTS; attempt++) {
                JobQueue.Claim c = queue.claim("w").orElseThrow();
                assertThat(c.attempt()).isEqualTo(attempt);
                queue.retryOrFail(c, "disk full " + attempt, (h, pause) -> waited.add(pause), h -> failed.add(c.jobId()));
                if (attempt == JobQueue.MAX_ATTEMPTS) break;
                Duration pause = JobQueue.backoff(attempt);
                clock.advance(pause.minusSeconds(1));
                assertThat(queue.claim("w")).as("still pausing after attempt " + attempt).isEmpty();
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(waited).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(10));
            assertThat(failed).hasSize(1);
            clock.advance(Duration.ofHours(1));
            assertThat(queue.claim("w")).isEmpty();
            assertThat(db.jdbi().<String, RuntimeException>withHandle(h -> h.createQuery("SELECT state || ':' || error FROM jobs").mapTo(String.class).one()))
                    .isEqualTo("failed:disk full 4");
        }
    }
}
