package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.signoff.analysis.Measurements;
import dev.signoff.analysis.MixCheck;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.Ids;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.TestDatabases;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 'words' jobs on real SQLite and PostgreSQL, run by hand: a burst of comments on one version
 * measures it once; a job whose version was removed fails with a reason and the next job still runs.
 */
class CommentWordsTest {
    @TempDir static Path shared;
    @TempDir Path dir;
    static Measurements song, harsh;

    @BeforeAll
    static void measureOnce() throws Exception {
        song = MixCheck.measure(Bounces.wav(shared.resolve("song.wav"), 22, 4), (i, f) -> { });
        harsh = MixCheck.measure(Bounces.wav(shared.resolve("harsh.wav"), 22, 4, SongSynth.Defect.HARSH), (i, f) -> { });
    }

    private record Setup(Jdbi jdbi, JobQueue queue, CommentWords words, AtomicInteger measured, String project, List<String> versions) {
        String comment(String version, String body, double at) {
            String id = Ids.newId();
            jdbi.useTransaction(h -> {
                h.execute("INSERT INTO comments (id, project_id, version_id, author, body, start_s, created_at) VALUES (?, ?, ?, 'Sam', ?, ?, 0)",
                        id, project, version, body, at);
                queue.enqueue(h, JobQueue.WORDS, version, id);
            });
            return id;
        }

        /** Claims and runs the next job; its id. */
        String runNext() {
            JobQueue.Claim c = queue.claim("test-worker").orElseThrow();
            words.run(c, () -> false);
            return c.jobId();
        }

        String state(String jobId) {
            return jdbi.withHandle(h -> h.createQuery("SELECT state || ': ' || COALESCE(error, '') FROM jobs WHERE id = :id").bind("id", jobId).mapTo(String.class).one());
        }

        String stateOf(String commentId) {
            return state(jdbi.withHandle(h -> h.createQuery("SELECT id FROM jobs WHERE comment_id = :c").bind("c", commentId).mapTo(String.class).one()));
        }

        String readings(String commentId) {
            return jdbi.withHandle(h -> h.createQuery("SELECT readings_json FROM comments WHERE id = :id").bind("id", commentId).mapTo(String.class).one());
        }
    }

    private static Setup setup(Database db, int versions) {
        return setup(db, versions, song);
    }

    private static Setup setup(Database db, int versions, Measurements measurements) {
        Jdbi jdbi = db.jdbi();
        JobQueue queue = new JobQueue(jdbi, Clock.systemUTC(), Duration.ofMinutes(1));
        AtomicInteger measured = new AtomicInteger();
        CommentWords words = new CommentWords(jdbi, queue, new VersionStore(jdbi, Clock.systemUTC()), v -> {
            measured.incrementAndGet();
            return measurements;
        });
        String project = Ids.newId();
        List<String> ids = new ArrayList<>();
        jdbi.useTransaction(h -> {
            h.execute("INSERT INTO projects (id, name, created_at, updated_at) VALUES (?, ?, 0, 0)", project, "p" + project);
            for (int i = 1; i <= versions; i++) {
                String v = Ids.newId();
                h.execute("INSERT INTO versions (id, project_id, number, file_name, audio_path, format, size_bytes, sha256, sample_rate, channels, duration_s, status, created_at) "
                        + "VALUES (?, ?, ?, 'a.wav', 'audio/x', 'wav', 1, ?, 44100, 2, 22.0, 'ready', 0)", v, project, i, "sha" + i);
                ids.add(v);
            }
        });
        return new Setup(jdbi, queue, words, measured, project, ids);
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aBurstOfCommentsOnOneVersionMeasuresItOnce(Database.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            Setup s = setup(db, 5);
            List<String> comments = new ArrayList<>();
            for (String body : List.of("muddy here", "too boomy", "a bit harsh", "vocal buried")) comments.add(s.comment(s.versions().get(0), body, 10.0));
            for (int i = 0; i < 4; i++) assertThat(s.state(s.runNext())).isEqualTo("done: ");
            assertThat(s.measured().get()).isEqualTo(1);
            for (String c : comments) assertThat(s.readings(c)).startsWith("[{\"word\":");
            // The cache holds the last few versions: the oldest is measured again once it has been pushed out.
            for (String v : s.versions().subList(1, 5)) {
                s.comment(v, "muddy", 5.0);
                s.runNext();
            }
            assertThat(s.measured().get()).isEqualTo(5);
            s.comment(s.versions().get(4), "muddy again", 6.0);
            s.runNext();
            assertThat(s.measured().get()).as("still cached").isEqualTo(5);
            s.comment(s.versions().get(0), "muddy", 6.0);
            s.runNext();
            assertThat(s.measured().get()).as("pushed out").isEqualTo(6);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aJobForARemovedVersionFailsCleanlyAndTheQueueGoesOn(Database.Kind kind) {
        try (Database db = TestDatabases.open(kind, dir)) {
            Setup s = setup(db, 2);
            String gone = s.comment(s.versions().get(0), "too much reverb", 4.0);
            String kept = s.comment(s.versions().get(1), "sounds muddy", 4.0);
            s.jdbi().useHandle(h -> h.execute("UPDATE versions SET deleted_at = 1 WHERE id = ?", s.versions().get(0)));

            s.runNext();
            s.runNext();
            assertThat(s.stateOf(gone)).isEqualTo("failed: the version was removed before the comment's words were read");
            assertThat(s.readings(gone)).isNull();
            assertThat(s.stateOf(kept)).isEqualTo("done: ");
            assertThat(s.readings(kept)).contains("\"word\":\"muddy\"").contains("here against the rest of the song");
            assertThat(s.measured().get()).isEqualTo(1);
            assertThat(s.queue().claim("test-worker")).isEmpty();
        }
    }

    /**
     * Issue 15: "harsh and piercing" on a version harsh from start to end read "2-5 kHz is -0.4 dB
     * here against the rest of the song" and nothing else, as if the complaint were baseless. The
     * stored reading names the version's HARSH_BUILDUP and the range it is judged against.
     */
    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aHarshCommentOnAWhollyHarshVersionShowsItsFinding(Database.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind, dir)) {
            Setup s = setup(db, 1, harsh);
            String c = s.comment(s.versions().get(0), "harsh and piercing", 12.0);
            assertThat(s.state(s.runNext())).isEqualTo("done: ");
            JsonNode r = new ObjectMapper().readTree(s.readings(c)).get(0);
            assertThat(r.get("word").asText()).isEqualTo("harsh");
            assertThat(Math.abs(r.get("difference").asDouble())).as("nothing stands out against the rest of the song").isLessThan(2);
            assertThat(r.get("message").asText()).as(r.toString()).contains("the whole mix is harsh: HARSH_BUILDUP, +");
            JsonNode p = r.get("picture");
            assertThat(p.get("range").asText()).isEqualTo("the built-in range");
            assertThat(p.get("song").asDouble()).isGreaterThan(p.get("high").asDouble());
            assertThat(p.get("findings")).singleElement().satisfies(f -> {
                assertThat(f.get("code").asText()).isEqualTo("HARSH_BUILDUP");
                assertThat(f.get("value").asDouble()).isEqualTo(p.get("song").asDouble());
            });
        }
    }
}
