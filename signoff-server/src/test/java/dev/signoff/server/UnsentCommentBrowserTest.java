package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.signoff.server.support.LibrarySteps.project;
import static dev.signoff.server.support.LibrarySteps.settled;
import static dev.signoff.server.support.LibrarySteps.uploaded;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A comment whose POST never reaches the server (the phone's connection drops) stays on the
 * listening page with a retry, survives a reload (kept in the browser until stored), and the retry
 * stores it exactly once (issue 11, failure 7), also when the first try was stored and only its
 * answer was lost. The disk-full case (507) is in {@link DiskFullTest}.
 */
class UnsentCommentBrowserTest {
    @TempDir Path dir;

    /** A project with one analysed version, and Sam's link to it open in {@code c} with the comment box showing; the project's id. */
    private String openListeningPage(TestServer server, HttpSession owner, ChromeDriver c) throws Exception {
        String projectId = project(owner, "Night Drive");
        uploaded(owner, projectId, Bounces.wav(dir.resolve("mix.wav"), 12, 3), "mix.wav");
        settled(owner, projectId);
        String path = owner.post("/api/projects/" + projectId + "/links", Map.of("label", "Sam")).json().get("path").asText();
        c.get(server.base() + path);
        wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-text")));
        return projectId;
    }

    @Test
    void aCommentThatCouldNotBeSentSurvivesAReloadAndIsSentOnceOnRetry() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir); Browser phone = Browser.phone()) {
            HttpSession owner = server.owner();
            ChromeDriver c = phone.driver();
            String projectId = openListeningPage(server, owner, c);

            // The connection drops: every request for the link's comments fails before reaching the server.
            c.executeCdpCommand("Network.enable", Map.of());
            c.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/api/comments*")));
            String note = "Vocal a touch louder in the last chorus";
            c.findElement(By.id("comment-text")).sendKeys(note);
            wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-name"))).sendKeys("Sam");
            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElement(By.id("comment-save")).getText().equals("Try again"));
            assertThat(c.findElement(By.id("feedback")).getText())
                    .contains("could not reach the server").contains("It is kept here");
            assertThat(comments(owner, projectId)).isEmpty();

            // The listener comes back later: the page is loaded again, the comment is still there, pinned where it was.
            c.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
            c.navigate().refresh();
            wait(c).until(d -> d.findElement(By.id("comment-save")).getText().equals("Try again"));
            assertThat(c.findElement(By.id("comment-text")).getAttribute("value")).isEqualTo(note);
            assertThat(c.findElement(By.id("feedback")).getText()).contains("could not be stored last time");

            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElement(By.id("comment-list")).getText().contains(note));
            assertThat(c.findElement(By.id("comment-text")).getAttribute("value")).isEmpty();
            assertThat(c.findElement(By.id("comment-save")).getText()).isEqualTo("Send comment");
            JsonNode stored = comments(owner, projectId);
            assertThat(stored).as("sent once").hasSize(1);
            assertThat(stored.get(0).get("body").asText()).isEqualTo(note);
            assertThat(stored.get(0).get("author").asText()).isEqualTo("Sam");

            // Nothing is kept once stored: another reload shows an empty box and the comment once.
            c.navigate().refresh();
            wait(c).until(d -> d.findElement(By.id("comment-list")).getText().contains(note));
            assertThat(c.findElement(By.id("comment-text")).getAttribute("value")).isEmpty();
            assertThat(c.findElement(By.id("comment-save")).getText()).isEqualTo("Send comment");
            assertThat(c.findElements(By.cssSelector("#comment-list li.fb-comment"))).hasSize(1);
            assertThat(comments(owner, projectId)).hasSize(1);
        }
    }

    @Test
    void aCommentStoredWhoseAnswerWasLostIsNotStoredAgainOnRetry() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir); Browser phone = Browser.phone()) {
            HttpSession owner = server.owner();
            ChromeDriver c = phone.driver();
            String projectId = openListeningPage(server, owner, c);

            // The POST reaches the server and is stored, then the connection drops before the answer arrives.
            c.executeScript("""
                    const real = window.fetch;
                    window.fetch = async (url, init) => {
                      const r = await real(url, init);
                      if (init && init.method === 'POST' && String(url).endsWith('/api/comments')) throw new TypeError('Failed to fetch');
                      return r;
                    };""");
            String note = "Snare a little less bright";
            c.findElement(By.id("comment-text")).sendKeys(note);
            wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-name"))).sendKeys("Sam");
            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElement(By.id("comment-save")).getText().equals("Try again"));
            assertThat(comments(owner, projectId)).hasSize(1);

            // Back later, on a working connection: the retry finds the comment already stored.
            c.navigate().refresh();
            wait(c).until(d -> d.findElement(By.id("comment-save")).getText().equals("Try again"));
            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElement(By.id("comment-save")).getText().equals("Send comment"));
            assertThat(c.findElement(By.id("comment-text")).getAttribute("value")).isEmpty();
            assertThat(comments(owner, projectId)).as("stored once").hasSize(1);
            assertThat(c.findElements(By.cssSelector("#comment-list li.fb-comment"))).hasSize(1);
        }
    }

    private static JsonNode comments(HttpSession owner, String projectId) {
        return owner.get("/api/projects/" + projectId + "/comments").json().get("comments");
    }

    private static WebDriverWait wait(WebDriver d) {
        WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(60)) {
            @Override protected RuntimeException timeoutException(String message, Throwable lastException) {
                return new IllegalStateException(message + "; the page shows: " + d.findElement(By.tagName("body")).getText(), lastException);
            }
        };
        return (WebDriverWait) wait.ignoring(StaleElementReferenceException.class);
    }
}
