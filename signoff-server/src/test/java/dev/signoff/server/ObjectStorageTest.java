package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.preview.PreviewEncoder;
import dev.signoff.server.library.VaultCleaner;
import dev.signoff.server.storage.S3Storage;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.RecallStore;
import dev.signoff.server.store.UploadStore;
import dev.signoff.server.store.VersionStore;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.S3Proxy;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.signoff.server.support.LibrarySteps.personLink;
import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions' files in object storage (issue 11, "Object storage for many instances"), against a
 * real S3-compatible server (s3proxy in its own process): uploads become objects, range requests
 * are served from the bucket, two instances on PostgreSQL share it, an upload cut off half-way
 * leaves no object, and removing a version removes its objects.
 */
class ObjectStorageTest {
    @TempDir static Path proxyDir;
    @TempDir Path dir;
    static S3Proxy s3;
    private static int buckets;

    @BeforeAll static void startS3() throws Exception { s3 = S3Proxy.start(proxyDir); }

    @AfterAll static void stopS3() throws Exception { if (s3 != null) s3.close(); }

    /** A server on {@code kind} keeping its files in {@code bucket} under "mixes/", with its own data directory. */
    private TestServer server(Database.Kind kind, String url, String bucket, String name) {
        DataDirectory data = new DataDirectory(dir.resolve(name));
        var config = ServerConfig.builder(data).databaseUrl(url == null ? TestDatabases.url(kind) : url).build();
        return TestServer.start(config, Clock.systemUTC(), PreviewEncoder.onPath(), s3.storage(bucket, "mixes", data.uploads()));
    }

    private static String newBucket() { return s3.bucket("signoff-test-" + (++buckets)); }

    @Test
    void anUploadIsAnObjectAndIsStreamedWithRangesFromTheBucket() throws Exception {
        String bucket = newBucket();
        try (TestServer server = server(Database.Kind.SQLITE, null, bucket, "data")) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            Path wav = Bounces.wav(dir.resolve("a.wav"), 20, 1);
            byte[] original = Files.readAllBytes(wav);
            String v1 = uploaded(owner, id, wav, "a.wav");
            String audioKey = "mixes/audio/" + id + "/" + v1 + ".wav";
            assertThat(s3.keys(bucket)).contains(audioKey);
            assertThat(s3.object(bucket, audioKey)).isEqualTo(original);
            JsonNode version = settled(owner, id).get("versions").get(0);
            assertThat(version.get("status").asText()).isEqualTo("ready");
            assertThat(s3.keys(bucket)).containsExactlyInAnyOrder(audioKey, "mixes/previews/" + v1 + ".m4a", "mixes/waveforms/" + v1 + ".peaks");
            try (Stream<Path> local = Files.walk(dir.resolve("data"))) {
                assertThat(local.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                        .as("no audio, preview or waveform stays on the local disk").noneMatch(n -> n.contains(v1));
            }

            var range = owner.get("/api/versions/" + v1 + "/audio", "Range", "bytes=1000-1999");
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("Content-Range")).isEqualTo("bytes 1000-1999/" + original.length);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(original, 1000, 2000));
            assertThat(owner.get("/api/versions/" + v1 + "/audio").body()).isEqualTo(original);
            var waveform = owner.get("/api/versions/" + v1 + "/waveform");
            assertThat(waveform.status()).isEqualTo(200);
            assertThat(waveform.json().get("length").asInt()).isPositive();

            byte[] preview = s3.object(bucket, "mixes/previews/" + v1 + ".m4a");
            HttpSession listener = server.visitor();
            String token = personLink(server.server().context(), id, "Sam", false).token();
            assertThat(listener.get("/s/" + token + "/api/session").status()).isEqualTo(200);
            String audio = "/s/" + token + "/api/versions/" + v1 + "/audio";
            var tail = listener.get(audio, "Range", "bytes=-100");
            assertThat(tail.status()).isEqualTo(206);
            assertThat(tail.header("Content-Type")).isEqualTo("audio/mp4");
            assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(preview, preview.length - 100, preview.length));
            var open = listener.get(audio, "Range", "bytes=0-");
            assertThat(open.status()).isEqualTo(206);
            assertThat(open.body()).isEqualTo(preview);
        }
    }

    @Test
    void twoInstancesOnPostgresSharingTheBucketSeeAndStreamEachOthersVersions() throws Exception {
        String bucket = newBucket();
        String url = TestDatabases.url(Database.Kind.POSTGRESQL);
        try (TestServer a = server(Database.Kind.POSTGRESQL, url, bucket, "machine-a");
             TestServer b = server(Database.Kind.POSTGRESQL, url, bucket, "machine-b")) {
            HttpSession ownerA = new HttpSession(a.base());
            var setup = ownerA.post("/api/setup", java.util.Map.of("token", b.server().setupToken().orElseThrow(), "password", TestServer.OWNER_PASSWORD));
            assertThat(setup.status()).as(setup.text()).isEqualTo(200);
            ownerA.csrf(setup.json().get("csrf").asText());
            HttpSession ownerB = new HttpSession(b.base());
            var login = ownerB.post("/api/login", java.util.Map.of("password", TestServer.OWNER_PASSWORD));
            assertThat(login.status()).as(login.text()).isEqualTo(200);
            ownerB.csrf(login.json().get("csrf").asText());

            String id = project(ownerA, "Song");
            Path first = Bounces.wav(dir.resolve("1.wav"), 12, 1), second = Bounces.wav(dir.resolve("2.wav"), 12, 2);
            String v1 = uploaded(ownerA, id, first, "1.wav");
            String v2 = uploaded(ownerB, id, second, "2.wav");
            settled(ownerA, id);
            for (HttpSession owner : List.of(ownerA, ownerB)) {
                JsonNode versions = owner.get("/api/projects/" + id).json().get("versions");
                assertThat(versions).hasSize(2);
                for (JsonNode v : versions) assertThat(v.get("status").asText()).isEqualTo("ready");
            }
            var onB = ownerB.get("/api/versions/" + v1 + "/audio", "Range", "bytes=44-1043");
            assertThat(onB.status()).isEqualTo(206);
            assertThat(onB.body()).as("B streams the version uploaded on A").isEqualTo(Arrays.copyOfRange(Files.readAllBytes(first), 44, 1044));
            var onA = ownerA.get("/api/versions/" + v2 + "/audio", "Range", "bytes=44-1043");
            assertThat(onA.body()).as("A streams the version uploaded on B").isEqualTo(Arrays.copyOfRange(Files.readAllBytes(second), 44, 1044));
            assertThat(ownerB.get("/api/versions/" + v1 + "/waveform").status()).isEqualTo(200);
        }
    }

    @Test
    void anUploadCutOffHalfWayLeavesNoObject() throws Exception {
        String bucket = newBucket();
        try (TestServer server = server(Database.Kind.SQLITE, null, bucket, "data")) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            byte[] wav = Files.readAllBytes(Bounces.wav(dir.resolve("a.wav"), 20, 1));
            // The client goes away half-way through its upload.
            halfUploaded(server, owner, id, wav, "a.wav").close();
            Thread.sleep(1000);
            assertThat(s3.keys(bucket)).isEmpty();
            assertThat(owner.get("/api/projects/" + id).json().get("versions")).isEmpty();
        }
        // The server stops while an upload is half-way in.
        TestServer server = server(Database.Kind.SQLITE, null, bucket, "data");
        {
            HttpSession owner = server.owner();
            String id = owner.get("/api/projects").json().get(0).get("id").asText();
            byte[] wav = Files.readAllBytes(Bounces.wav(dir.resolve("b.wav"), 20, 2));
            try (Socket socket = halfUploaded(server, owner, id, wav, "b.wav")) {
                server.close();
            }
        }
        assertThat(s3.keys(bucket)).isEmpty();
    }

    /** A connection that has sent the headers of a whole-file upload of {@code wav} and half its bytes, and waited half a second. */
    private static Socket halfUploaded(TestServer server, HttpSession owner, String projectId, byte[] wav, String name) throws Exception {
        Socket socket = new Socket("127.0.0.1", server.server().port());
        OutputStream out = socket.getOutputStream();
        out.write(("PUT /api/projects/" + projectId + "/versions?name=" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + wav.length + "\r\n"
                + "Cookie: " + owner.cookieHeader() + "\r\nX-Signoff-CSRF: " + owner.csrf() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(wav, 0, wav.length / 2);
        out.flush();
        Thread.sleep(500);
        return socket;
    }

    @Test
    void removingAVersionRemovesItsObjects() throws Exception {
        String bucket = newBucket();
        try (TestServer server = server(Database.Kind.SQLITE, null, bucket, "data")) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            String v1 = uploaded(owner, id, Bounces.wav(dir.resolve("a.wav"), 12, 1), "a.wav");
            String v2 = uploaded(owner, id, Bounces.wav(dir.resolve("b.wav"), 12, 2), "b.wav");
            settled(owner, id);
            assertThat(s3.keys(bucket)).hasSize(6);
            assertThat(owner.delete("/api/versions/" + v2).status()).isEqualTo(204);
            assertThat(s3.keys(bucket)).containsExactlyInAnyOrder("mixes/audio/" + id + "/" + v1 + ".wav",
                    "mixes/previews/" + v1 + ".m4a", "mixes/waveforms/" + v1 + ".peaks");
            assertThat(owner.get("/api/versions/" + v2 + "/audio").status()).isEqualTo(404);
        }
    }

    @Test
    void theCleanerRemovesObjectsNoVersionNamesAndABackupSaysWhatItLeavesToTheBucket() throws Exception {
        String bucket = newBucket();
        try (TestServer server = server(Database.Kind.SQLITE, null, bucket, "data")) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            String v1 = uploaded(owner, id, Bounces.wav(dir.resolve("a.wav"), 12, 1), "a.wav");
            settled(owner, id);
            assertThat(RecallSheetTest.attach(owner, v1, Files.writeString(dir.resolve("Song.rpp"),
                    RecallSheetTest.rpp("", RecallSheetTest.track("Vox", "", ""))), "Song.rpp").status()).isEqualTo(201);
            String sessionKey = s3.keys(bucket).stream().filter(k -> k.startsWith("mixes/sessions/")).findFirst().orElseThrow();
            DataDirectory data = server.server().context().dataDir();
            // What a crash between storing an upload (or a session file) and inserting its row leaves behind.
            try (S3Storage storage = s3.storage(bucket, "mixes", data.uploads())) {
                storage.put("audio/" + id + "/left-behind.wav", Files.copy(dir.resolve("a.wav"), dir.resolve("left-behind.wav")));
                storage.put("sessions/" + v1 + "/left-behind.rpp", dir.resolve("Song.rpp"));
                var jdbi = server.server().context().db().jdbi();
                Clock now = Clock.systemUTC();
                assertThat(new VaultCleaner(data, storage, new UploadStore(jdbi, now), new VersionStore(jdbi, now), new RecallStore(jdbi, now), now).clean())
                        .as("a fresh object may be an import in progress").isZero();
                Clock twoDaysOn = Clock.offset(now, Duration.ofDays(2));
                assertThat(new VaultCleaner(data, storage, new UploadStore(jdbi, twoDaysOn), new VersionStore(jdbi, twoDaysOn), new RecallStore(jdbi, twoDaysOn), twoDaysOn).clean())
                        .isEqualTo(2);
            }
            assertThat(s3.keys(bucket)).containsExactlyInAnyOrder("mixes/audio/" + id + "/" + v1 + ".wav",
                    "mixes/previews/" + v1 + ".m4a", "mixes/waveforms/" + v1 + ".peaks", sessionKey);

            Path backup = dir.resolve("backup");
            DataBackup.copy(data, backup);
            assertThat(DataBackup.versionsElsewhere(backup)).as("v1 is only a row in the backup: its audio is in the bucket").isEqualTo(1);
        }
    }

    @Test
    void aStoreThatStopsAnsweringIsA503WithAPlainMessageWhileThePagesKeepWorking() throws Exception {
        S3Proxy own = S3Proxy.start(Files.createDirectories(dir.resolve("own-proxy")));
        String bucket = own.bucket("signoff-going-down");
        DataDirectory data = new DataDirectory(dir.resolve("data"));
        var config = ServerConfig.builder(data).build();
        try (TestServer server = TestServer.start(config, Clock.systemUTC(), PreviewEncoder.onPath(), own.storage(bucket, "", data.uploads()))) {
            HttpSession owner = server.owner();
            String id = project(owner, "Song");
            String streamedBefore = uploaded(owner, id, Bounces.wav(dir.resolve("a.wav"), 8, 1), "a.wav");
            String neverStreamed = uploaded(owner, id, Bounces.wav(dir.resolve("b.wav"), 8, 2), "b.wav");
            settled(owner, id);
            assertThat(owner.get("/api/versions/" + streamedBefore + "/audio", "Range", "bytes=0-99").status()).isEqualTo(206);

            own.close();
            for (String v : List.of(streamedBefore, neverStreamed)) {
                var r = owner.get("/api/versions/" + v + "/audio", "Range", "bytes=100-199");
                assertThat(r.status()).as(r.text()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isEqualTo("10");
                assertThat(r.json().get("error").asText()).isEqualTo("the server cannot reach the storage that keeps its audio; try again in a moment");
            }
            var upload = owner.send("PUT", "/api/projects/" + id + "/versions?name=c.wav", Files.readAllBytes(Bounces.wav(dir.resolve("c.wav"), 8, 3)),
                    "Content-Type", "application/octet-stream");
            assertThat(upload.status()).as(upload.text()).isEqualTo(503);
            assertThat(owner.get("/api/projects/" + id).json().get("versions")).hasSize(2);
            assertThat(owner.get("/projects/" + id).status()).isEqualTo(200);
        } finally {
            own.close();
        }
    }
}
