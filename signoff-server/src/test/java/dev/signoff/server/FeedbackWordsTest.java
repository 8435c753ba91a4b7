package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.Mixes;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback translation on the review server, on SQLite and PostgreSQL: a comment's vocabulary words
 * are measured against its version in a background job and shown to the engineer, not the client.
 */
class FeedbackWordsTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aMuddyCommentInTheBoostedChorusReadsTheLowMidExcessAndAPlainOneReadsNothing(Database.Kind kind) throws Exception {
        Mixes mix = Mixes.song(40, 5).boostedInFirstChorus(300, 8);
        SongSynth.Section chorus = mix.firstChorus();
        double inChorus = Math.floor((chorus.startS() + chorus.endS()) / 2);
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = LibrarySteps.project(owner, "Mud Season");
            var up = LibrarySteps.upload(owner, project, mix.wav(dir.resolve("mud v1.wav")), "mud v1.wav");
            assertThat(up.status()).as(up.text()).isEqualTo(201);
            String version = up.json().get("id").asText();
            LibrarySteps.settled(owner, project);

            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);
            String plain = comment(listener, sam, version, 3.0, "love it, great work");
            String muddy = comment(listener, sam, version, inChorus, "sounds muddy in here");

            // No vocabulary word: an empty list at once, and no job.
            assertThat(item(owner, project, plain).get("readings").isArray()).isTrue();
            assertThat(item(owner, project, plain).get("readings")).isEmpty();
            int plainJobs = fx.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE comment_id = :c")
                    .bind("c", plain).mapTo(Integer.class).one());
            assertThat(plainJobs).isZero();

            JsonNode readings = readings(owner, project, muddy);
            assertThat(readings).as(readings.toString()).hasSize(1);
            JsonNode r = readings.get(0);
            assertThat(r.get("word").asText()).isEqualTo("muddy");
            assertThat(r.get("meaning").asText()).isNotBlank();
            assertThat(r.get("difference").asDouble()).as("the boosted chorus is muddier than the rest").isGreaterThan(2.5);
            assertThat(r.get("here").asDouble()).isGreaterThan(r.get("rest").asDouble());
            assertThat(r.get("message").asText()).startsWith("muddy: 200-500 Hz is +").contains("dB here against the rest of the song; ")
                    .endsWith("(the built-in range: up to +5.0 dB)");

            // The owner's comments API carries them too; the listener's never does.
            JsonNode comments = owner.get("/api/projects/" + project + "/comments").json().get("comments");
            JsonNode asComment = find(comments, "id", muddy);
            assertThat(asComment.get("body").asText()).isEqualTo("sounds muddy in here");
            assertThat(asComment.get("readings")).hasSize(1);
            JsonNode mine = listener.get("/s/" + sam.token() + "/api/comments").json().get("comments");
            assertThat(mine).hasSize(2).allSatisfy(c -> assertThat(c.has("readings")).isFalse());
        }
    }

    private static String comment(HttpSession listener, ShareLink link, String version, double at, String body) {
        var r = listener.post("/s/" + link.token() + "/api/comments", Map.of("version_id", version, "start_s", at, "body", body, "author", "Sam"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The revision item of a comment, as the project page reads it. */
    private static JsonNode item(HttpSession owner, String project, String commentId) {
        JsonNode rounds = owner.get("/api/projects/" + project + "/revisions").json().get("rounds");
        for (JsonNode round : rounds) for (JsonNode i : round.get("items")) if (i.get("comment_id").asText().equals(commentId)) return i;
        throw new AssertionError("no item for comment " + commentId + " in " + rounds);
    }

    /** The item's readings once its words job has run. */
    private static JsonNode readings(HttpSession owner, String project, String commentId) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonNode r = item(owner, project, commentId).get("readings");
            if (r != null && !r.isNull()) return r;
            if (System.nanoTime() > until) throw new AssertionError("the words were not read");
            Thread.sleep(100);
        }
    }

    private static JsonNode find(JsonNode list, String field, String value) {
        for (JsonNode n : list) if (n.get(field).asText().equals(value)) return n;
        throw new AssertionError("no " + field + " " + value + " in " + list);
    }
}
