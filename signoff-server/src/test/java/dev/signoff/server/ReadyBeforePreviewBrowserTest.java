package dev.signoff.server;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.HeldFfmpeg;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestDatabases;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listen-only link opened while the first version is ready but its listening preview is still
 * being made (issue 12), in a real Chromium at phone size: the page says the version is on its way
 * and holds no player audio yet; once the preview is made it shows the version and plays it, without
 * a reload. The owner's project page says the preview is being made until it is.
 */
class ReadyBeforePreviewBrowserTest {
    @TempDir Path dir;

    @Test
    void aListenerWaitingForThePreviewGetsAPlayingVersionOnceItIsMade() throws Exception {
        HeldFfmpeg ffmpeg = HeldFfmpeg.in(dir);
        var config = ServerConfig.builder(new DataDirectory(dir.resolve("data"))).databaseUrl(TestDatabases.url(Database.Kind.SQLITE)).build();
        try (TestServer server = TestServer.start(config, ffmpeg.previews()); Browser phone = Browser.phone(); Browser desk = Browser.desktop()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Late Preview");
            LibrarySteps.uploaded(owner, project, Bounces.wav(dir.resolve("v1.wav"), 12, 1), "v1.wav");
            LibrarySteps.awaitFirstVersion(owner, project, v -> v.get("status").asText().equals("ready"));
            var link = owner.post("/api/projects/" + project + "/links", Map.of("label", "Sam", "can_comment", true, "can_download", false));
            assertThat(link.status()).as(link.text()).isEqualTo(201);

            // The owner's project page says the preview is on its way.
            ChromeDriver o = desk.driver();
            o.get(server.base() + "/login");
            o.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
            o.get(server.base() + "/projects/" + project);
            By pending = By.cssSelector("#version-list li.version .preview-pending");
            // The list re-renders on live updates: read its text where it stands still.
            String note = wait(o).until(d -> d.findElements(pending).stream().findFirst().map(e -> e.getText()).orElse(null));
            assertThat(note).startsWith("Making the listening preview");

            ChromeDriver c = phone.driver();
            c.get(server.base() + link.json().get("path").asText());
            wait(c).until(d -> d.findElement(By.id("player")).getText().contains("The first version is on its way"));
            assertThat(c.findElements(By.cssSelector("#player audio"))).as("no player audio before the preview").isEmpty();

            ffmpeg.open();
            wait(o).until(ExpectedConditions.invisibilityOfElementLocated(pending));
            wait(c).until(d -> !d.findElements(By.cssSelector("#version-select option")).isEmpty());
            assertThat(c.findElement(By.id("player")).getText()).doesNotContain("The first version is on its way");
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("play"))).click();
            wait(c).until(d -> ((Number) ((JavascriptExecutor) d).executeScript(
                    "const a = document.querySelector('#player audio.active'); return a ? a.currentTime : 0;")).doubleValue() > 1.0);
        }
    }

    /** Pages re-render on live updates: an element found a moment ago may be gone, so look again. */
    private static FluentWait<WebDriver> wait(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class);
    }
}
