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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project page's references section in a real headless Chromium: the owner adds a reference
 * track with the file picker, sees a refusal in the server's words, and removes it. The page does
 * not depend on the database, so this runs on SQLite only.
 */
class ProjectReferencesPageTest {
    @TempDir Path dir;

    @Test
    void theOwnerAddsAndRemovesAReference() throws Exception {
        Path ref = Bounces.wav(dir.resolve("their record.wav"), 22, 2);
        Path notes = Files.writeString(dir.resolve("notes.wav"), "not audio");
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir.resolve("data")); Browser browser = Browser.desktop()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Paper Walls");
            WebDriver page = browser.driver();
            page.get(server.base() + "/login");
            page.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
            page.get(server.base() + "/projects/" + project);
            var wait = new WebDriverWait(page, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
            wait.until(d -> d.findElement(By.id("references")).getText().contains("No references"));

            page.findElement(By.id("reference-file")).sendKeys(ref.toString());
            wait.until(d -> d.findElements(By.cssSelector("#reference-list li.reference")).size() == 1);
            assertThat(page.findElement(By.cssSelector("#reference-list li.reference")).getText()).contains("their record.wav", "wav");
            assertThat(owner.get("/api/projects/" + project + "/references").json().get("references")).hasSize(1);

            page.findElement(By.id("reference-file")).sendKeys(notes.toString());
            wait.until(d -> d.findElement(By.cssSelector("#references p.error")).isDisplayed());
            assertThat(page.findElement(By.cssSelector("#references p.error")).getText()).startsWith("notes.wav: ");
            assertThat(page.findElements(By.cssSelector("#reference-list li.reference"))).hasSize(1);

            page.findElement(By.cssSelector("#reference-list button.reference-remove")).click();
            wait.until(d -> d.findElement(By.id("reference-list")).getText().contains("No references"));
            assertThat(owner.get("/api/projects/" + project + "/references").json().get("references")).isEmpty();
        }
    }
}
