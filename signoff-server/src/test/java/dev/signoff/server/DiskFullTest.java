package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.DiskFull;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.upload;
import static dev.signoff.server.support.LibrarySteps.uploaded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A full disk, for real: the data directory is a small tmpfs filled to the last byte, so the server
 * meets the errors it would meet in production (SQLITE_FULL from its database file, "No space left
 * on device" from the vault). Writes get 507 with a plain message; reading, playing and the pages
 * keep working; once space is freed everything works again. Mounting needs root (as in CI's
 * container); elsewhere the test is skipped.
 */
class DiskFullTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aFullDiskRefusesWritesWith507AndKeepsReadingWorking(Database.Kind kind) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", data.toString()), "mounting a tmpfs needs root");
        try {
            Path mix = Bounces.wav(dir.resolve("mix.wav"), 21, 11), mix2 = Bounces.wav(dir.resolve("mix2.wav"), 21, 12);
            try (TestServer server = TestServer.start(kind, dir)) {
                HttpSession owner = server.owner();
                String projectId = project(owner, "Full Disk");
                String v1 = uploaded(owner, projectId, mix, "mix.wav");
                settled(owner, projectId);
                String path = owner.post("/api/projects/" + projectId + "/links", Map.of("label", "Sam")).json().get("path").asText();
                HttpSession listener = server.visitor();
                listener.csrf(listener.get(path + "/api/session").json().get("csrf").asText());
                Path filler = fill(server, data);

                // Writes: uploads (both kinds), and where the database lives on the full disk, comments, approvals and sign-in.
                var refusedUpload = upload(owner, projectId, mix2, "mix2.wav");
                assertThat(refusedUpload.status()).as(refusedUpload.text()).isEqualTo(507);
                assertThat(refusedUpload.json().get("error").asText()).isEqualTo(DiskFull.MESSAGE);
                assertThat(DiskFull.MESSAGE).startsWith("the server's disk is full");
                try (Stream<Path> staged = Files.list(data.resolve("uploads"))) {
                    assertThat(staged).as("the half-written file is removed").isEmpty();
                }
                var started = owner.post("/api/projects/" + projectId + "/uploads", Map.of("file_name", "mix2.wav", "size_bytes", Files.size(mix2)));
                String resumable = null;
                byte[] bytes = Files.readAllBytes(mix2);
                if (kind == Database.Kind.SQLITE) {
                    assertThat(started.status()).as(started.text()).isEqualTo(507);
                } else {
                    assertThat(started.status()).isEqualTo(201);
                    resumable = started.json().get("id").asText();
                    var chunk = chunk(owner, resumable, bytes);
                    assertThat(chunk.status()).as(chunk.text()).isEqualTo(507);
                    assertThat(chunk.json().get("error").asText()).isEqualTo(DiskFull.MESSAGE);
                    assertThat(owner.get("/api/uploads/" + resumable).json().get("received_bytes").asLong()).isZero();
                }
                var comment = listener.post(path + "/api/comments", Map.of("version_id", v1, "start_s", 12.0, "body", "vocal up here", "author", "Sam"));
                var signIn = server.visitor().post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD));
                if (kind == Database.Kind.SQLITE) {
                    var approval = listener.post(path + "/api/approve", Map.of("version_id", v1, "name", "Sam"));
                    for (var refused : List.of(comment, approval, signIn)) {
                        assertThat(refused.status()).as(refused.text()).isEqualTo(507);
                        assertThat(refused.json().get("error").asText()).isEqualTo(DiskFull.MESSAGE);
                    }
                } else {
                    assertThat(comment.status()).as("the database has room").isEqualTo(201);
                    assertThat(signIn.status()).isEqualTo(200);
                }

                // Reading keeps working for everyone who has a session.
                JsonNode p = owner.get("/api/projects/" + projectId).json();
                assertThat(p.get("versions")).hasSize(1);
                assertThat(owner.get("/api/projects/" + projectId + "/comments").status()).isEqualTo(200);
                assertThat(owner.get("/api/session").json().get("owner").asBoolean()).isTrue();
                assertThat(listener.get(path + "/api/session").status()).isEqualTo(200);
                assertThat(listener.get(path + "/api/comments").status()).isEqualTo(200);
                assertThat(listener.get(path + "/api/project").json().get("versions")).hasSize(1);
                assertThat(listener.get(path + "/api/versions/" + v1 + "/waveform?zoom=256&format=dat").status()).isEqualTo(200);
                // A listen-only link streams the listening preview (made before the disk filled), the owner the original.
                var audio = listener.get(path + "/api/versions/" + v1 + "/audio", "Range", "bytes=0-99");
                assertThat(audio.status()).isEqualTo(206);
                assertThat(new String(Arrays.copyOfRange(audio.body(), 4, 8), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
                var original = owner.get("/api/versions/" + v1 + "/audio", "Range", "bytes=0-99");
                assertThat(original.status()).isEqualTo(206);
                assertThat(original.body()).isEqualTo(Arrays.copyOf(Files.readAllBytes(mix), 100));

                // Space is freed: everything works again.
                Files.delete(filler);
                var later = listener.post(path + "/api/comments", Map.of("version_id", v1, "start_s", 14.0, "body", "and here", "author", "Sam"));
                assertThat(later.status()).as(later.text()).isEqualTo(201);
                assertThat(server.visitor().post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD)).status()).isEqualTo(200);
                if (resumable == null) {
                    var again = upload(owner, projectId, mix2, "mix2.wav");
                    assertThat(again.status()).as(again.text()).isEqualTo(201);
                } else {
                    var again = chunk(owner, resumable, bytes);
                    assertThat(again.status()).as(again.text()).isEqualTo(200);
                    assertThat(again.json().get("version").get("number").asInt()).isEqualTo(2);
                }
            }
        } finally {
            unmount(data);
        }
    }

    @Test
    void theListeningPageKeepsACommentTheServerCouldNotStoreAndSendsItOnRetry() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16m,mode=0700", "tmpfs", data.toString()), "mounting a tmpfs needs root");
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir); Browser phone = Browser.phone()) {
            HttpSession owner = server.owner();
            String projectId = project(owner, "Full Disk");
            uploaded(owner, projectId, Bounces.wav(dir.resolve("mix.wav"), 21, 13), "mix.wav");
            settled(owner, projectId);
            String path = owner.post("/api/projects/" + projectId + "/links", Map.of("label", "Sam")).json().get("path").asText();
            WebDriver c = phone.driver();
            c.get(server.base() + path);
            wait(c).until(d -> !d.findElements(By.id("name-input")).isEmpty() || !d.findElements(By.id("comment-text")).isEmpty());
            if (!c.findElements(By.id("name-input")).isEmpty()) {
                c.findElement(By.id("name-input")).sendKeys("Sam");
                c.findElement(By.id("name-save")).click();
            }
            wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-text")));
            Path filler = fill(server, data);

            String note = "The snare is too loud in the second verse";
            c.findElement(By.id("comment-text")).sendKeys(note);
            // Listen first: the name is asked with the first comment.
            wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-name"))).sendKeys("Sam");
            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElement(By.id("comment-save")).getText().equals("Try again"));
            assertThat(c.findElement(By.id("feedback")).getText()).contains("the server's disk is full").contains("It is kept here");
            assertThat(c.findElement(By.id("comment-text")).getAttribute("value")).isEqualTo(note);

            // Kept in the browser too, with its pin, for the page to put back after a reload.
            assertThat((String) ((JavascriptExecutor) c).executeScript("return Object.entries(localStorage)"
                    + ".filter(([k]) => k.startsWith('signoff:unsent:')).map(([, v]) => JSON.parse(v).body).join()")).isEqualTo(note);

            Files.delete(filler);
            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElement(By.id("comment-text")).getAttribute("value").isEmpty());
            JsonNode comments = owner.get("/api/projects/" + projectId + "/comments").json().get("comments");
            assertThat(comments).hasSize(1);
            assertThat(comments.get(0).get("body").asText()).isEqualTo(note);
            wait(c).until(d -> d.findElement(By.id("comment-list")).getText().contains(note));
            assertThat(c.findElement(By.id("comment-save")).getText()).isEqualTo("Send comment");
            assertThat(((JavascriptExecutor) c).executeScript("return Object.keys(localStorage).filter(k => k.startsWith('signoff:unsent:')).length"))
                    .as("nothing kept once stored").isEqualTo(0L);
        } finally {
            unmount(data);
        }
    }

    private static WebDriverWait wait(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60)) {
            @Override protected RuntimeException timeoutException(String message, Throwable lastException) {
                // What the listener would see, to tell a slow page from a wrong one.
                return new IllegalStateException(message + "; the page shows: " + d.findElement(By.tagName("body")).getText()
                        + "; kept in the browser: " + ((JavascriptExecutor) d).executeScript("return JSON.stringify(localStorage)"), lastException);
            }
        };
        return (WebDriverWait) wait.ignoring(StaleElementReferenceException.class);
    }

    private static HttpSession.Reply chunk(HttpSession owner, String upload, byte[] file) {
        return owner.send("PUT", "/api/uploads/" + upload, file, "Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length,
                "Content-Type", "application/octet-stream");
    }

    /**
     * Fills the data directory's file system to the last byte. SQLite's write-ahead log is emptied
     * first, so the database's next write has to grow a file, as on a server whose disk ran full.
     */
    private static Path fill(TestServer server, Path data) throws IOException {
        if (server.server().context().db().kind() == Database.Kind.SQLITE)
            server.server().context().db().jdbi().useHandle(h -> h.execute("PRAGMA wal_checkpoint(TRUNCATE)"));
        Path filler = data.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int block = 1 << 20; block >= 1; block /= 2) {
                byte[] bytes = new byte[block];
                try {
                    while (true) {
                        out.write(bytes);
                        out.flush();
                    }
                } catch (IOException full) {
                    assertThat(DiskFull.causedBy(full)).as(full.toString()).isTrue();
                }
            }
        } catch (IOException closingOnAFullDisk) {
            // Closing flushes nothing more; the file is as full as it gets.
        }
        return filler;
    }

    /** A closed server's analysis of its last upload may still be letting go of its files for a moment. */
    private static void unmount(Path data) throws IOException, InterruptedException {
        for (int i = 0; i < 40; i++) {
            if (run("umount", data.toString())) return;
            Thread.sleep(250);
        }
        run("umount", "-l", data.toString());
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
