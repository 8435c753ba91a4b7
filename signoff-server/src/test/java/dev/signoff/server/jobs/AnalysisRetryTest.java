package dev.signoff.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.ServerConfig;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.MutableClock;
import dev.signoff.server.support.TestServer;
import dev.signoff.server.support.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static dev.signoff.server.support.LibrarySteps.awaitFirstVersion;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An analysis that fails for a reason of the server's own (here its waveform folder is not a folder
 * any more, as after a botched restore) waits longer before each new attempt, tells the owner in
 * plain words, and can be started again by the owner once the cause is fixed (issue 11, failure 8).
 */
class AnalysisRetryTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Database.Kind.class)
    void aServerSideFailureBacksOffSaysWhatHappenedPlainlyAndCanBeAnalysedAgain(Database.Kind kind) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (TestServer server = TestServer.start(kind, dir, clock, ServerConfig.DEFAULT_MAX_UPLOAD)) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Broken Disk");
            Path waveforms = dir.resolve("data").resolve("waveforms");
            Files.delete(waveforms);
            Files.writeString(waveforms, "a file where the server keeps its waveform folder");

            Path wav = Bounces.wav(dir.resolve("v1.wav"), 6, 1);
            String v1 = LibrarySteps.uploaded(owner, project, wav, "v1.wav");

            awaitFailedAttempt(server, v1, 1);
            Thread.sleep(3000);   // ample time for attempts without a pause between them
            assertThat(attempts(server, v1)).as("one attempt, then a pause").isEqualTo(1);
            JsonNode waiting = awaitFirstVersion(owner, project, v -> v.get("status").asText().equals("queued") && v.path("analysis_note").isTextual());
            assertThat(waiting.get("analysis_note").asText())
                    .isEqualTo("attempt 1 of 4 failed: the server could not read or write its own files (a full disk, or a folder it may not write?); it tries again in 30 s");

            clock.advance(Duration.ofSeconds(31));
            awaitFailedAttempt(server, v1, 2);
            clock.advance(Duration.ofSeconds(31));
            Thread.sleep(1500);
            assertThat(attempts(server, v1)).as("the second pause is longer").isEqualTo(2);
            clock.advance(Duration.ofSeconds(90));
            awaitFailedAttempt(server, v1, 3);
            assertThat(awaitFirstVersion(owner, project, v -> true).get("analysis_note").asText()).endsWith("it tries again in 10 min");
            clock.advance(Duration.ofSeconds(601));
            JsonNode failed = awaitFirstVersion(owner, project, v -> v.get("status").asText().equals("failed"));
            String error = failed.get("error").asText();
            assertThat(error).isEqualTo("the server could not read or write its own files (a full disk, or a folder it may not write?); "
                    + "the server's log has the details. Analyse it again once that is fixed");
            assertThat(error).doesNotContain(dir.toString()).doesNotContain("Exception").doesNotContain("java.");
            assertThat(failed.path("analysis_note").isNull()).isTrue();

            // The same bytes again are still a duplicate; analysing the version again is the way.
            assertThat(LibrarySteps.upload(owner, project, wav, "v1 again.wav").status()).isEqualTo(409);
            assertThat(server.visitor().post("/api/versions/" + v1 + "/analyse", "").status()).isEqualTo(401);
            HttpSession noCsrf = server.owner();
            noCsrf.csrf("wrong");
            assertThat(noCsrf.post("/api/versions/" + v1 + "/analyse", "").status()).isEqualTo(403);
            assertThat(owner.post("/api/versions/no-such-version/analyse", "").status()).isEqualTo(404);

            Files.delete(waveforms);
            Files.createDirectory(waveforms);
            var again = owner.post("/api/versions/" + v1 + "/analyse", "");
            assertThat(again.status()).as(again.text()).isEqualTo(202);
            assertThat(again.json().get("status").asText()).isIn("queued", "analysing");   // a worker may take it at once
            assertThat(again.json().get("error").isNull()).isTrue();
            JsonNode ready = awaitFirstVersion(owner, project, v -> v.get("status").asText().equals("ready"));
            assertThat(ready.get("waveform").asBoolean()).isTrue();

            var notFailed = owner.post("/api/versions/" + v1 + "/analyse", "");
            assertThat(notFailed.status()).isEqualTo(409);
            assertThat(notFailed.json().get("error").asText()).isEqualTo("v1 is already analysed; only a failed analysis can be started again");
        }
    }

    /** The owner's project page in Chromium: the plain reason, and "Analyse again" once the cause is fixed. */
    @Test
    void theProjectPageShowsTheFailurePlainlyAndItsButtonAnalysesAgain() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir, clock, ServerConfig.DEFAULT_MAX_UPLOAD);
             Browser browser = Browser.desktop()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Broken Disk");
            Path waveforms = dir.resolve("data").resolve("waveforms");
            Files.delete(waveforms);
            Files.writeString(waveforms, "a file where the server keeps its waveform folder");
            String v1 = LibrarySteps.uploaded(owner, project, Bounces.wav(dir.resolve("v1.wav"), 6, 1), "v1.wav");
            for (int attempt = 1; attempt < JobQueue.MAX_ATTEMPTS; attempt++) {
                awaitFailedAttempt(server, v1, attempt);
                clock.advance(JobQueue.backoff(attempt).plusSeconds(1));
            }
            // Failed, and the preview queued when it gave up made: the page re-renders its list once that is stored.
            awaitFirstVersion(owner, project, v -> v.get("status").asText().equals("failed") && !v.get("preview").isNull());
            Files.delete(waveforms);
            Files.createDirectory(waveforms);

            WebDriver page = browser.driver();
            page.get(server.base() + "/login");
            page.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
            page.get(server.base() + "/projects/" + project);
            var wait = new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            By version = By.cssSelector("#version-list li.version[data-number='1']");
            wait.until(d -> !d.findElements(By.cssSelector("#version-list li.version.status-failed")).isEmpty());
            // The list re-renders on live updates: read its text where it stands still.
            String text = wait.until(d -> {
                String t = d.findElement(version).getText();
                return t.contains("analysis failed") ? t : null;
            });
            assertThat(text)
                    .contains("analysis failed: the server could not read or write its own files")
                    .doesNotContain(dir.toString()).doesNotContain("Exception");
            page.findElement(By.cssSelector("#version-list li.version button.analyse-again")).click();
            wait.until(d -> !d.findElements(By.cssSelector("#version-list li.version.status-ready")).isEmpty());
            assertThat(page.findElements(By.cssSelector("#version-list button.analyse-again"))).isEmpty();
            assertThat(page.findElement(By.id("approval-notice")).isDisplayed()).isFalse();
        }
    }

    private static int attempts(TestServer server, String versionId) {
        return server.server().context().db().jdbi().withHandle(h -> h.createQuery(
                        "SELECT MAX(attempts) FROM jobs WHERE version_id = :v AND kind = 'analyse'")
                .bind("v", versionId).mapTo(Integer.class).one());
    }

    /** Waits until attempt {@code n} has failed and the job waits in the queue for the next. */
    private static void awaitFailedAttempt(TestServer server, String versionId, int n) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.server().context().db().jdbi().<Integer, RuntimeException>withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM jobs WHERE version_id = :v AND kind = 'analyse' AND state = 'queued' AND attempts = :n")
                .bind("v", versionId).bind("n", n).mapTo(Integer.class).one()) == 0) {
            if (System.nanoTime() > until) throw new AssertionError("attempt " + n + " never failed; attempts: " + attempts(server, versionId));
            Thread.sleep(100);
        }
    }
}
