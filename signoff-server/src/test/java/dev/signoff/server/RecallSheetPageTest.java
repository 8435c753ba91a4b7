package dev.signoff.server;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.Bounces;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.signoff.server.RecallSheetTest.plugin;
import static dev.signoff.server.RecallSheetTest.rpp;
import static dev.signoff.server.RecallSheetTest.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A version's recall sheet on the project page in a real headless Chromium (issue 14): the owner
 * unfolds it, attaches the session file with the picker, and reads the tracks and plugin chains,
 * names from the session shown as text (a track named with a script runs nothing), and a refusal in
 * the server's words. The page does not depend on the database, so this runs on SQLite only.
 */
class RecallSheetPageTest {
    @TempDir Path dir;

    @Test
    void theOwnerAttachesASessionAndReadsItsRecallSheet() throws Exception {
        Path mix = Bounces.wav(dir.resolve("mix.wav"), 22, 5);
        String hostile = "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>";
        Path session = Files.writeString(dir.resolve("Paper Walls.rpp"), rpp("  MARKER 1 0 Intro 0\n  MARKER 2 12.5 \"Last chorus\" 0\n",
                track(hostile, plugin("VST3: Pro-Q 3 (FabFilter)", true, false) + plugin("VST3: Soothe2 (oeksound)", false, true), "")));
        Path notes = Files.writeString(dir.resolve("notes.rpp"), "vocal up a dB");
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir.resolve("data")); Browser browser = Browser.desktop()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Paper Walls");
            LibrarySteps.uploaded(owner, project, mix, "mix.wav");
            LibrarySteps.settled(owner, project);
            WebDriver page = projectPage(browser, server, owner, project);
            var wait = new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            wait.until(d -> {
                d.findElement(By.cssSelector("#version-list details.version-recall summary")).click();
                return true;
            });
            wait.until(d -> d.findElement(By.cssSelector(".version-recall .recall-body")).getText().contains("No session attached"));

            page.findElement(By.cssSelector(".version-recall input.recall-input")).sendKeys(session.toString());
            wait.until(d -> d.findElements(By.cssSelector(".version-recall .recall-track")).size() == 2);
            String sheet = page.findElement(By.cssSelector(".version-recall .recall-body")).getText();
            assertThat(sheet).contains("Paper Walls.rpp", "REAPER", "44.1 kHz", "96 BPM", "Intro", "Last chorus", "0:12",
                    "Pro-Q 3 (FabFilter) [VST3]", "Soothe2 (oeksound) [VST3]", "offline", "bypassed", "OFFLINE_PLUGIN", "MASTER_BUS_PROCESSING");
            assertThat(page.findElements(By.cssSelector(".version-recall .track-name"))).extracting(e -> e.getText()).contains(hostile);
            assertThat(page.findElements(By.cssSelector(".version-recall img"))).isEmpty();
            assertThat(((org.openqa.selenium.JavascriptExecutor) page).executeScript("return window.pwned === undefined")).isEqualTo(true);

            page.findElement(By.cssSelector(".version-recall input.recall-input")).sendKeys(notes.toString());
            wait.until(d -> d.findElement(By.cssSelector(".version-recall .recall-message")).getText().startsWith("notes.rpp: "));
            assertThat(page.findElements(By.cssSelector(".version-recall .recall-track"))).hasSize(2);
        }
    }

    /** The project page in the browser, signed in as the owner. */
    private static WebDriver projectPage(Browser browser, TestServer server, HttpSession owner, String project) {
        WebDriver page = browser.driver();
        page.get(server.base() + "/login");
        page.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
        page.get(server.base() + "/projects/" + project);
        return page;
    }

    /** A bounce chosen together with its session file: the bounce becomes the version, the session its recall sheet. */
    @Test
    void aSessionChosenWithItsBounceGoesUpWithIt() throws Exception {
        Path mix = Bounces.wav(dir.resolve("Glass - mix 2.wav"), 22, 6);
        Path session = Files.writeString(dir.resolve("Glass.rpp"), rpp("  MARKER 1 0 Intro 0\n", track("Lead vox", plugin("VST3: Soothe2 (oeksound)", false, false), "")));
        Path other = Files.writeString(dir.resolve("Other.rpp"), rpp("", track("Other", "", "")));
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir.resolve("data")); Browser browser = Browser.desktop()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Glass");
            WebDriver page = projectPage(browser, server, owner, project);
            var wait = new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            wait.until(d -> !d.findElements(By.id("upload-input")).isEmpty());
            page.findElement(By.id("upload-input")).sendKeys(other + "\n" + mix + "\n" + session);
            wait.until(d -> d.findElement(By.cssSelector(".upload-message")).getText().contains("Its session Glass.rpp is attached."));
            String version = owner.get("/api/projects/" + project).json().at("/versions/0/id").asText();
            var sheet = owner.get("/api/versions/" + version + "/session").json();
            assertThat(sheet.get("file").asText()).isEqualTo("Glass.rpp");
            assertThat(sheet.at("/tracks/1/plugins/0/name").asText()).isEqualTo("Soothe2");
            assertThat(owner.get("/api/projects/" + project).json().get("versions")).hasSize(1);
        }
    }
}
