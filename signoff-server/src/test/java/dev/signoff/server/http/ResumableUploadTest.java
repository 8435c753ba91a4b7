package dev.signoff.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.DataDirectory;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.SignoffServer;
import dev.signoff.server.library.Library;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.MutableClock;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static dev.signoff.server.support.LibrarySteps.project;
import static org.assertj.core.api.Assertions.assertThat;

/** Chunked uploads: order, retries, a server restart in the middle, and the clean-up of abandoned ones. */
class ResumableUploadTest {
    @TempDir Path dir;

    private static HttpSession.Reply chunk(HttpSession owner, String upload, byte[] file, int from, int to) {
        return owner.send("PUT", "/api/uploads/" + upload, Arrays.copyOfRange(file, from, to + 1),
                "Content-Range", "bytes " + from + "-" + to + "/" + file.length, "Content-Type", "application/octet-stream");
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void chunksAppendInOrderRetriesAreHarmlessAndARestartedServerResumes(Database.Kind kind) throws Exception {
        String url = TestDatabases.url(kind);
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        byte[] file = Files.readAllBytes(Bounces.wav(dir.resolve("big.wav"), 21, 4));
        int third = file.length / 3;
        String projectId, uploadId;
        var config = ServerConfig.builder(data).databaseUrl(url).build();
        try (SignoffServer first = SignoffServer.start(config, Clock.systemUTC())) {
            HttpSession owner = signIn(first, first.setupToken().orElseThrow(), true);
            projectId = project(owner, "Long Song");
            var started = owner.post("/api/projects/" + projectId + "/uploads", Map.of("file_name", "long song.wav", "size_bytes", file.length, "label", "vocal up"));
            assertThat(started.status()).isEqualTo(201);
            uploadId = started.json().get("id").asText();
            assertThat(started.json().get("received_bytes").asLong()).isZero();

            assertThat(chunk(owner, uploadId, file, 0, third - 1).json().get("received_bytes").asLong()).isEqualTo(third);
            // The same chunk again (its answer was lost): acknowledged, nothing written twice.
            assertThat(chunk(owner, uploadId, file, 0, third - 1).json().get("received_bytes").asLong()).isEqualTo(third);
            // A chunk that skips ahead is refused with the offset to resume from.
            var gap = chunk(owner, uploadId, file, third + 10, 2 * third);
            assertThat(gap.status()).isEqualTo(409);
            assertThat(gap.json().get("received_bytes").asLong()).isEqualTo(third);
            var badRange = owner.send("PUT", "/api/uploads/" + uploadId, new byte[3], "Content-Range", "bytes 0-2/99");
            assertThat(badRange.status()).isEqualTo(400);
            assertThat(owner.get("/api/projects/" + projectId).json().get("versions")).as("no version before the last byte").isEmpty();
        }
        // The server stops mid-upload (as if killed); a new one on the same data carries on.
        var config2 = ServerConfig.builder(data).databaseUrl(url).build();
        try (SignoffServer second = SignoffServer.start(config2, Clock.systemUTC())) {
            HttpSession owner = signIn(second, null, false);
            JsonNode status = owner.get("/api/uploads/" + uploadId).json();
            assertThat(status.get("received_bytes").asLong()).isEqualTo(third);
            assertThat(chunk(owner, uploadId, file, third, 2 * third - 1).status()).isEqualTo(200);
            var last = chunk(owner, uploadId, file, 2 * third, file.length - 1);
            assertThat(last.status()).as(last.text()).isEqualTo(200);
            JsonNode done = last.json();
            assertThat(done.get("complete").asBoolean()).isTrue();
            assertThat(done.get("version").get("number").asInt()).isEqualTo(1);
            assertThat(done.get("version").get("label").asText()).isEqualTo("vocal up");
            // Retrying the last chunk gives the same version back.
            assertThat(chunk(owner, uploadId, file, 2 * third, file.length - 1).json().get("version").get("id").asText())
                    .isEqualTo(done.get("version").get("id").asText());
            Path stored = data.resolve("audio/" + projectId + "/" + done.get("version").get("id").asText() + ".wav");
            assertThat(Files.readAllBytes(stored)).isEqualTo(file);
            try (var parts = Files.list(data.uploads())) {
                assertThat(parts).isEmpty();
            }
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aFakeFileSentInChunksIsRefusedAtTheEndAndForgotten(Database.Kind kind) throws Exception {
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String projectId = project(owner, "Song");
            byte[] text = "just some notes about the mix, not audio at all".repeat(100).getBytes();
            String id = owner.post("/api/projects/" + projectId + "/uploads", Map.of("file_name", "mix.wav", "size_bytes", text.length)).json().get("id").asText();
            assertThat(chunk(owner, id, text, 0, 999).status()).isEqualTo(200);
            var end = chunk(owner, id, text, 1000, text.length - 1);
            assertThat(end.status()).isEqualTo(415);
            assertThat(end.json().get("error").asText()).isEqualTo("mix.wav: not an audio file Signoff reads (starts with \"just som\")");
            assertThat(owner.get("/api/uploads/" + id).status()).isEqualTo(404);
            try (var parts = Files.list(server.server().context().dataDir().uploads())) {
                assertThat(parts).isEmpty();
            }
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void abandonedUploadsAndOrphanFilesAreRemovedAfterADay(Database.Kind kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        try (Database db = TestDatabases.open(kind, dir)) {
            Library library = Library.create(data, db.jdbi(), clock, 0, Library.JOB_LEASE);
            String projectId = library.projects().create("Song", "", 3).id();
            var upload = library.resumable().start(projectId, "a.wav", 1000, "");
            Path part = data.uploads().resolve(upload.id() + ".part");
            Path staged = Files.writeString(data.uploads().resolve("crashed.part"), "half a file");
            Path orphan = Files.createDirectories(data.audio().resolve(projectId)).resolve("lost.wav");
            Files.writeString(orphan, "a file whose version row never got written");
            Path session = Files.createDirectories(data.sessions().resolve("v-never-recorded")).resolve("lost.rpp");
            Files.writeString(session, "<REAPER_PROJECT 0.1 \"7.22\" 1\n>\n");
            assertThat(library.cleaner().clean()).isZero();

            clock.advance(Duration.ofHours(25));
            FileTime old = FileTime.from(clock.instant().minus(Duration.ofHours(25)));
            for (Path p : new Path[]{part, staged, orphan, session}) Files.setLastModifiedTime(p, old);
            Path fresh = Files.writeString(data.uploads().resolve("in-progress.part"), "still arriving");
            Files.setLastModifiedTime(fresh, FileTime.from(clock.instant()));
            assertThat(library.cleaner().clean()).isEqualTo(4);
            assertThat(library.uploads().find(upload.id())).isEmpty();
            assertThat(part).doesNotExist();
            assertThat(staged).doesNotExist();
            assertThat(orphan).doesNotExist();
            assertThat(session).as("a session file whose row never got written").doesNotExist();
            assertThat(fresh).exists();
        }
    }

    private static HttpSession signIn(SignoffServer server, String setupToken, boolean setup) {
        HttpSession s = new HttpSession("http://127.0.0.1:" + server.port());
        var r = setup ? s.post("/api/setup", Map.of("token", setupToken, "password", TestServer.OWNER_PASSWORD))
                : s.post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        s.csrf(r.json().get("csrf").asText());
        return s;
    }
}
