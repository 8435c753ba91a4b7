package dev.signoff.server.http;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.upload;
import static org.assertj.core.api.Assertions.assertThat;

/** Uploads that arrive at the same moment: the same file several times, the same chunk twice. */
class UploadRacesTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void simultaneousUploadsOfTheSameFileMakeOneVersionAndTheOthersGet409(Database.Kind kind) throws Exception {
        Path mix = Bounces.wav(dir.resolve("mix.wav"), 21, 7);
        int parallel = 4;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            for (int trial = 1; trial <= 4; trial++) {
                String projectId = project(owner, "Race " + trial);
                CyclicBarrier together = new CyclicBarrier(parallel);
                List<Future<HttpSession.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < parallel; i++) replies.add(pool.submit(() -> {
                    together.await();
                    return upload(owner, projectId, mix, "mix.wav");
                }));
                List<Integer> statuses = new ArrayList<>();
                for (Future<HttpSession.Reply> r : replies) {
                    HttpSession.Reply reply = r.get();
                    statuses.add(reply.status());
                    if (reply.status() == 409) assertThat(reply.json().get("error").asText()).isEqualTo("mix.wav: the same file is already v1");
                }
                assertThat(statuses).as("trial " + trial).containsExactlyInAnyOrder(201, 409, 409, 409);
                assertThat(owner.get("/api/projects/" + projectId).json().get("versions")).as("trial " + trial).hasSize(1);
                var data = server.server().context().dataDir();
                try (Stream<Path> vault = Files.walk(data.audio().resolve(projectId)); Stream<Path> staged = Files.list(data.uploads())) {
                    assertThat(vault.filter(Files::isRegularFile)).as("one file in the vault, no orphans").hasSize(1);
                    assertThat(staged).as("nothing left in staging").isEmpty();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpSession.Reply chunk(HttpSession owner, String upload, byte[] body, int from, int total, String... headers) {
        List<String> h = new ArrayList<>(List.of("Content-Range", "bytes " + from + "-" + (from + body.length - 1) + "/" + total,
                "Content-Type", "application/octet-stream"));
        h.addAll(List.of(headers));
        return owner.send("PUT", "/api/uploads/" + upload, body, h.toArray(String[]::new));
    }

    private static String startUpload(HttpSession owner, String projectId, int size) {
        var started = owner.post("/api/projects/" + projectId + "/uploads", Map.of("file_name", "mix.wav", "size_bytes", size));
        assertThat(started.status()).as(started.text()).isEqualTo(201);
        return started.json().get("id").asText();
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aChunkSentWhileAnotherIsWritingTheSameUploadGets409AndThePartStaysWhole(Database.Kind kind) throws Exception {
        byte[] file = Files.readAllBytes(Bounces.wav(dir.resolve("mix.wav"), 21, 8));
        int half = file.length / 2;
        byte[] other = new byte[half];
        new Random(1).nextBytes(other);
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String projectId = project(owner, "Chunks");
            String uploadId = startUpload(owner, projectId, file.length);

            // The first chunk's body arrives slowly: 1 MB, then nothing until the second request has its answer.
            CountDownLatch stalled = new CountDownLatch(1), resume = new CountDownLatch(1);
            InputStream slow = new ByteArrayInputStream(file, 0, half) {
                @Override public synchronized int read(byte[] b, int off, int len) {
                    if (pos >= (1 << 20) && resume.getCount() > 0) {
                        stalled.countDown();
                        try {
                            resume.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return super.read(b, off, Math.min(len, (1 << 20) - pos > 0 ? (1 << 20) - pos : len));
                }
            };
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest first = HttpRequest.newBuilder(URI.create(server.base() + "/api/uploads/" + uploadId))
                    .header("Content-Range", "bytes 0-" + (half - 1) + "/" + file.length)
                    .header("Cookie", owner.cookieHeader()).header("X-Signoff-CSRF", owner.csrf())
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> slow), half)).build();
            CompletableFuture<HttpResponse<String>> firstReply = http.sendAsync(first, HttpResponse.BodyHandlers.ofString());
            assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(500);   // the server is now inside the first chunk, waiting for the rest of its body

            var second = chunk(owner, uploadId, other, 0, file.length);
            resume.countDown();
            assertThat(second.status()).as(second.text()).isEqualTo(409);
            assertThat(second.json().get("error").asText()).isEqualTo("another request is writing to this upload; ask where it stands (GET) and resume from there");
            assertThat(second.json().get("received_bytes").asLong()).isZero();

            HttpResponse<String> firstDone = firstReply.get(30, TimeUnit.SECONDS);
            assertThat(firstDone.statusCode()).as(firstDone.body()).isEqualTo(200);
            assertThat(owner.get("/api/uploads/" + uploadId).json().get("received_bytes").asLong()).isEqualTo(half);

            var last = chunk(owner, uploadId, Arrays.copyOfRange(file, half, file.length), half, file.length);
            assertThat(last.status()).as(last.text()).isEqualTo(200);
            String versionId = last.json().get("version").get("id").asText();
            assertThat(owner.get("/api/versions/" + versionId + "/audio").body()).as("the version holds the first chunk's bytes only").isEqualTo(file);
        }
    }

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aChunkWhoseChecksumDoesNotMatchIsNotCounted(Database.Kind kind) throws Exception {
        byte[] file = Files.readAllBytes(Bounces.wav(dir.resolve("mix.wav"), 21, 9));
        int half = file.length / 2;
        byte[] firstHalf = Arrays.copyOf(file, half);
        try (TestServer server = TestServer.start(kind, dir)) {
            HttpSession owner = server.owner();
            String uploadId = startUpload(owner, project(owner, "Checked"), file.length);
            byte[] damaged = firstHalf.clone();
            damaged[1000] ^= 0x40;   // one bit flipped on the way

            var mismatch = chunk(owner, uploadId, damaged, 0, file.length, "Upload-Checksum", "sha256 " + sha256(firstHalf));
            assertThat(mismatch.status()).as(mismatch.text()).isEqualTo(460);
            assertThat(mismatch.json().get("error").asText()).isEqualTo("the chunk's bytes do not match its Upload-Checksum; send it again");
            assertThat(owner.get("/api/uploads/" + uploadId).json().get("received_bytes").asLong()).isZero();

            var unknown = chunk(owner, uploadId, firstHalf, 0, file.length, "Upload-Checksum", "md5 " + sha256(firstHalf));
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("error").asText()).isEqualTo("Upload-Checksum must read sha256 BASE64 (the chunk's SHA-256)");

            var good = chunk(owner, uploadId, firstHalf, 0, file.length, "Upload-Checksum", "sha256 " + sha256(firstHalf));
            assertThat(good.status()).as(good.text()).isEqualTo(200);
            byte[] rest = Arrays.copyOfRange(file, half, file.length);
            var last = chunk(owner, uploadId, rest, half, file.length, "Upload-Checksum", "sha256 " + sha256(rest));
            assertThat(last.status()).as(last.text()).isEqualTo(200);
            assertThat(owner.get("/api/versions/" + last.json().get("version").get("id").asText() + "/audio").body()).isEqualTo(file);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
