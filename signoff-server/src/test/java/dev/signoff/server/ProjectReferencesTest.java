package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's reference tracks on the review server, on SQLite and PostgreSQL (issue 15): the owner
 * adds them, a client's "harsh" is read against them and names the version's own HARSH_BUILDUP, and
 * a listener's share link can neither list nor fetch them.
 */
class ProjectReferencesTest {
    @TempDir Path dir;

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aHarshCommentIsReadAgainstTheProjectsReferenceAndNamesTheFinding(Database.Kind kind) throws Exception {
        Path harsh = Bounces.wav(dir.resolve("harsh v1.wav"), 24, 7, SongSynth.Defect.HARSH);
        Path ref = Bounces.wav(dir.resolve("their record.wav"), 24, 8);
        try (TestServer server = TestServer.start(kind, dir.resolve("data"))) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = LibrarySteps.project(owner, "Glass Teeth");
            String version = LibrarySteps.uploaded(owner, project, harsh, "harsh v1.wav");
            LibrarySteps.settled(owner, project);

            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            HttpSession listener = fx.listener(sam);
            String before = comment(listener, sam, version, 12.0, "harsh and piercing");
            JsonNode builtIn = reading(owner, project, before, "the built-in range");
            assertThat(builtIn.get("message").asText()).contains("the whole mix is harsh: HARSH_BUILDUP, +");

            var added = addReference(owner, project, ref, "their record.wav");
            assertThat(added.status()).as(added.text()).isEqualTo(201);
            String refId = added.json().get("id").asText();
            assertThat(added.json().get("file_name").asText()).isEqualTo("their record.wav");
            assertThat(added.json().get("duration_s").asDouble()).isGreaterThan(20);
            JsonNode listed = owner.get("/api/projects/" + project + "/references").json().get("references");
            assertThat(listed).singleElement().satisfies(r -> assertThat(r.get("id").asText()).isEqualTo(refId));

            // The comment made before is read again against the reference, and so is a new one.
            JsonNode again = reading(owner, project, before, "your reference");
            assertThat(again.get("message").asText()).contains("HARSH_BUILDUP").contains("(your reference: up to ");
            assertThat(again.get("sentence").asText()).contains("your reference:");
            String after = comment(listener, sam, version, 6.0, "still harsh");
            assertThat(reading(owner, project, after, "your reference").at("/picture/findings/0/code").asText()).isEqualTo("HARSH_BUILDUP");

            // The same file twice, and a file that is not audio: refused, nothing left behind.
            var twice = addReference(owner, project, ref, "again.wav");
            assertThat(twice.status()).as(twice.text()).isEqualTo(409);
            assertThat(twice.json().get("error").asText()).contains("already a reference");
            Path notes = Files.writeString(dir.resolve("notes.wav"), "not audio at all, just words");
            var text = addReference(owner, project, notes, "notes.wav");
            assertThat(text.status()).as(text.text()).isEqualTo(415);
            assertThat(text.json().get("error").asText()).startsWith("notes.wav: ").doesNotContain("\n");
            assertThat(files(server.server().context().dataDir().references())).hasSize(1);
            assertThat(files(server.server().context().dataDir().uploads())).isEmpty();

            // Removed: gone from the list and from the disk, and the readings go back to the built-in range.
            assertThat(owner.delete("/api/references/" + refId).status()).isEqualTo(204);
            assertThat(owner.get("/api/projects/" + project + "/references").json().get("references")).isEmpty();
            assertThat(files(server.server().context().dataDir().references())).isEmpty();
            reading(owner, project, before, "the built-in range");
            assertThat(owner.delete("/api/references/" + refId).status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void aListenersShareLinkCannotListOrFetchTheReferences(Database.Kind kind) throws Exception {
        Path mix = Bounces.wav(dir.resolve("mix v1.wav"), 22, 3);
        Path ref = Bounces.wav(dir.resolve("secret reference.wav"), 22, 4);
        try (TestServer server = TestServer.start(kind, dir.resolve("data"))) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = LibrarySteps.project(owner, "Quiet Room");
            LibrarySteps.uploaded(owner, project, mix, "mix v1.wav");
            var added = addReference(owner, project, ref, "secret reference.wav");
            assertThat(added.status()).as(added.text()).isEqualTo(201);
            String refId = added.json().get("id").asText();

            ShareLink link = fx.link(project, "Client", Audience.PERSON, true);
            HttpSession listener = fx.listener(link);
            String s = "/s/" + link.token();
            assertThat(listener.get("/api/projects/" + project + "/references").status()).isIn(401, 403);
            assertThat(listener.send("PUT", "/api/projects/" + project + "/references?name=x.wav", Files.readAllBytes(ref),
                    "Content-Type", "application/octet-stream").status()).isIn(401, 403);
            assertThat(listener.delete("/api/references/" + refId).status()).isIn(401, 403);
            for (String path : new String[]{s + "/api/references", s + "/api/projects/" + project + "/references", s + "/api/references/" + refId,
                    s + "/api/versions/" + refId + "/audio", s + "/api/versions/" + refId + "/original", "/api/versions/" + refId + "/audio"}) {
                var r = listener.get(path);
                assertThat(r.status()).as(path).isIn(401, 403, 404);
                assertThat(r.text()).as(path).doesNotContain("secret reference");
            }
            var page = listener.get(s + "/api/project");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.text()).doesNotContain(refId).doesNotContain("secret reference").doesNotContain("references");
            // Nobody without a session either.
            assertThat(server.visitor().get("/api/projects/" + project + "/references").status()).isIn(401, 403);
            assertThat(owner.get("/api/projects/" + project + "/references").json().get("references")).hasSize(1);
        }
    }

    private static HttpSession.Reply addReference(HttpSession owner, String project, Path file, String name) throws Exception {
        return owner.send("PUT", "/api/projects/" + project + "/references?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8),
                Files.readAllBytes(file), "Content-Type", "application/octet-stream");
    }

    private static String comment(HttpSession listener, ShareLink link, String version, double at, String body) {
        var r = listener.post("/s/" + link.token() + "/api/comments", Map.of("version_id", version, "start_s", at, "body", body, "author", "Sam"));
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asText();
    }

    /** The comment's first reading once it is read against {@code range}. */
    private static JsonNode reading(HttpSession owner, String project, String commentId, String range) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < until) {
            for (JsonNode c : owner.get("/api/projects/" + project + "/comments").json().get("comments")) {
                if (!c.get("id").asText().equals(commentId) || c.get("readings") == null || c.get("readings").isEmpty()) continue;
                last = c.get("readings").get(0);
                if (last.has("picture") && last.at("/picture/range").asText().equals(range)) return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not read against " + range + ": " + last);
    }

    private static java.util.List<Path> files(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }
}
