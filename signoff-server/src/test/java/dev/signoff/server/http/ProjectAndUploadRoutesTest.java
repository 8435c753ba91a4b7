package dev.signoff.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** Projects, single-request uploads and versions through the real server, on SQLite and PostgreSQL. */
class ProjectAndUploadRoutesTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void projectsHaveUniqueNamesAndListTheirLatestVersion(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            assertThat(server.visitor().get("/api/projects").status()).isEqualTo(401);
            String id = project(owner, "Night Drive");
            var dup = owner.post("/api/projects", Map.of("name", "night drive"));
            assertThat(dup.status()).isEqualTo(409);
            assertThat(dup.json().get("error").asText()).isEqualTo("a project named 'night drive' already exists");
            assertThat(owner.post("/api/projects", Map.of("name", " ")).status()).isEqualTo(400);
            assertThat(owner.post("/api/projects", Map.of("name", "X", "rounds_agreed", 2.5)).json().get("error").asText())
                    .contains("rounds_agreed");
            project(owner, "Second Song");

            assertThat(upload(owner, id, Bounces.wav(dir.resolve("v1.wav"), 21, 1), "night drive v1.wav").status()).isEqualTo(201);
            JsonNode list = owner.get("/api/projects").json();
            assertThat(list).hasSize(2);
            JsonNode first = list.get(0);
            assertThat(first.get("name").asText()).isEqualTo("Night Drive");   // most recently changed first
            assertThat(first.get("artist").asText()).isEqualTo("The Band");
            assertThat(first.get("rounds_agreed").asInt()).isEqualTo(2);
            assertThat(first.get("version_count").asInt()).isEqualTo(1);
            assertThat(first.get("comment_count").asInt()).isZero();
            assertThat(first.get("latest_version").get("number").asInt()).isEqualTo(1);
            assertThat(list.get(1).get("latest_version").isNull()).isTrue();

            JsonNode p = owner.get("/api/projects/" + id).json();
            assertThat(p.get("name").asText()).isEqualTo("Night Drive");
            assertThat(p.get("revision").asLong()).isPositive();
            assertThat(p.get("versions")).hasSize(1);
            assertThat(owner.get("/api/projects/nope").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void uploadedVersionsAreNumberedAnalysedAndNeverReplaced(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            Path v1 = Bounces.wav(dir.resolve("a.wav"), 21, 1);
            var r1 = upload(owner, id, v1, "Song (mix 3).wav");
            assertThat(r1.status()).as(r1.text()).isEqualTo(201);
            JsonNode v = r1.json();
            assertThat(v.get("number").asInt()).isEqualTo(1);
            assertThat(v.get("file_name").asText()).isEqualTo("Song (mix 3).wav");
            assertThat(v.get("format").asText()).isEqualTo("wav");
            assertThat(v.get("sample_rate").asInt()).isEqualTo(44_100);
            assertThat(v.get("channels").asInt()).isEqualTo(2);
            try (var reader = dev.signoff.audio.AudioDecoders.open(v1)) {
                assertThat(v.get("duration_s").asDouble()).isCloseTo(reader.info().durationSeconds(), org.assertj.core.data.Offset.offset(0.001));
            }
            assertThat(v.get("status").asText()).isIn("queued", "analysing");
            assertThat(v.get("locked").asBoolean()).isFalse();

            var same = upload(owner, id, v1, "again.wav");
            assertThat(same.status()).isEqualTo(409);
            assertThat(same.json().get("error").asText()).isEqualTo("again.wav: the same file is already v1");
            Path flac = Bounces.flac(dir.resolve("b.flac"), 21, 2);
            var r2 = upload(owner, id, flac, "b.flac");
            assertThat(r2.status()).as(r2.text()).isEqualTo(201);
            assertThat(r2.json().get("number").asInt()).isEqualTo(2);
            assertThat(r2.json().get("format").asText()).isEqualTo("flac");

            JsonNode p = settled(owner, id);
            for (JsonNode ver : p.get("versions")) {
                assertThat(ver.get("status").asText()).as(ver.toString()).isEqualTo("ready");
                assertThat(ver.get("integrated_lufs").asDouble()).isBetween(-30.0, -5.0);
                assertThat(ver.get("true_peak_dbtp").asDouble()).isBetween(-3.0, 1.0);
                assertThat(ver.get("problems").isInt()).isTrue();
                assertThat(ver.get("warnings").isInt()).isTrue();
                assertThat(ver.get("waveform").asBoolean()).isTrue();
            }
            String v1Id = p.get("versions").get(0).get("id").asText();
            JsonNode report = owner.get("/api/versions/" + v1Id + "/report").json();
            assertThat(report.get("schema").asText()).isEqualTo("signoff.check/1");
            assertThat(report.get("file").asText()).isEqualTo("Song (mix 3).wav");

            // Stored under names the server made, never the client's.
            try (Stream<Path> files = Files.walk(server.server().context().dataDir().audio())) {
                List<String> names = files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).toList();
                assertThat(names).hasSize(2).allMatch(n -> n.matches("[A-Za-z0-9_-]{22}\\.(wav|flac)"));
            }

            // Removing the newest version does not free its number.
            String v2Id = p.get("versions").get(1).get("id").asText();
            assertThat(owner.delete("/api/versions/" + v2Id).status()).isEqualTo(204);
            assertThat(owner.get("/api/projects/" + id).json().get("versions")).hasSize(1);
            var r3 = upload(owner, id, Bounces.wav(dir.resolve("c.wav"), 21, 3), "c.wav");
            assertThat(r3.json().get("number").asInt()).isEqualTo(3);

            // Approval locks a version (FEEDBACK sets the flag); a locked version stays.
            server.server().context().db().jdbi().useHandle(h -> h.execute("UPDATE versions SET locked = 1 WHERE id = ?", v1Id));
            var locked = owner.delete("/api/versions/" + v1Id);
            assertThat(locked.status()).isEqualTo(409);
            assertThat(locked.json().get("error").asText()).isEqualTo("v1 is approved and locked; it stays");
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void fakeCorruptAndOversizedFilesAreRefusedAndLeaveNothingBehind(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir, Clock.systemUTC(), 4L << 20)) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            Path text = dir.resolve("notes.txt");
            Files.writeString(text, "hello world, this is not a song");
            var fake = upload(owner, id, text, "song.wav");
            assertThat(fake.status()).isEqualTo(415);
            assertThat(fake.json().get("error").asText()).isEqualTo("song.wav: not an audio file Signoff reads (starts with \"hello wo\")");

            Path whole = Bounces.wav(dir.resolve("whole.wav"), 21, 1);
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = dir.resolve("cut.wav");
            Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
            var truncated = upload(owner, id, cut, "cut.wav");
            assertThat(truncated.status()).isEqualTo(415);
            assertThat(truncated.json().get("error").asText()).matches("cut\\.wav: truncated: data chunk declares [0-9.]+ s but file holds [0-9.]+ s");

            Path flac = Bounces.flac(dir.resolve("f.flac"), 21, 2);
            byte[] fb = Files.readAllBytes(flac);
            Path cutFlac = dir.resolve("cut.flac");
            Files.write(cutFlac, Arrays.copyOf(fb, fb.length * 2 / 3));
            var brokenFlac = upload(owner, id, cutFlac, "cut.flac");
            assertThat(brokenFlac.status()).as(brokenFlac.text()).isEqualTo(415);
            assertThat(brokenFlac.json().get("error").asText()).startsWith("cut.flac: ");

            Path big = Bounces.wav(dir.resolve("big.wav"), 30, 3);   // about 5 MB, over the 4 MB limit
            var tooBig = upload(owner, id, big, "big.wav");
            assertThat(tooBig.status()).isEqualTo(413);
            assertThat(tooBig.json().get("error").asText()).contains("up to 4 MB");
            var tooBigResumable = owner.post("/api/projects/" + id + "/uploads", Map.of("file_name", "big.wav", "size_bytes", Files.size(big)));
            assertThat(tooBigResumable.status()).isEqualTo(413);

            assertThat(owner.get("/api/projects/" + id).json().get("versions")).isEmpty();
            var data = server.server().context().dataDir();
            try (Stream<Path> a = Files.walk(data.audio()); Stream<Path> u = Files.list(data.uploads())) {
                assertThat(a.filter(Files::isRegularFile)).isEmpty();
                assertThat(u).isEmpty();
            }
            assertThat(owner.send("PUT", "/api/projects/" + id + "/versions", bytes).json().get("error").asText())
                    .isEqualTo("'name' (the file's name) is required");
            assertThat(ServerConfig.DEFAULT_MAX_UPLOAD).isEqualTo(2L << 30);
        }
    }
}
