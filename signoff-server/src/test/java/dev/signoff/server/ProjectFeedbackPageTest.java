package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.signoff.server.FeedbackCommentsTest.comment;
import static dev.signoff.server.FeedbackCommentsTest.path;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project page's feedback section in a real headless Chromium: the engineer reads revision items
 * grouped by round (client markup shown as text, never run), answers one with a status and a reply
 * the client then reads, sees the call suggestion on a long list, and reopens an approved project.
 * The page's behaviour does not depend on the database, so this runs on SQLite only.
 */
class ProjectFeedbackPageTest {
    @TempDir Path dir;

    @Test
    void theEngineerAnswersRevisionItemsAndReopensTheProject() {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir); Browser browser = Browser.desktop()) {
            var fx = new FeedbackFixture(server);
            String project = fx.project("Midnight Drive", 2);
            String v1 = fx.version(project, 1, 60), v2 = fx.version(project, 2, 60);
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            ShareLink band = fx.link(project, "The Band", Audience.BAND, true);
            HttpSession client = fx.listener(sam), member = fx.listener(band);
            String markup = "Guitars <b>too wide</b> <img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script>";
            client.post(path(sam, "comments"), comment(v1, 12, 18.5, markup, "Sam"));
            client.post(path(sam, "comments"), comment(v1, 40, null, "sounds muddy in here", "Sam"));
            for (int i = 0; i < 5; i++) member.post(path(band, "comments"), comment(v2, 5 + 10 * i, null, "kick note " + i, "Alex"));
            member.post(path(band, "rounds"), Map.of("name", "Alex"));
            member.post(path(band, "comments"), comment(v2, 3, null, "still talking about this one", "Jo"));

            HttpSession owner = server.owner();
            WebDriver page = browser.driver();
            page.get(server.base() + "/login");
            page.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
            page.get(server.base() + "/projects/" + project);
            // The section re-renders after every change, so an element found a moment ago may be gone.
            var wait = new WebDriverWait(page, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
            wait.until(d -> d.findElements(By.cssSelector("#revision-list li.revision-item")).size() == 7);

            WebElement feedback = page.findElement(By.id("feedback"));
            assertThat(feedback.getText()).contains("Revision rounds: 2 of 2 used", "7 items open",
                    "The Band: 1 note being compared", "Round 2 · The Band · on v2", "Round 1 · Sam · on v1");
            WebElement samItem = item(page, "Guitars");
            assertThat(samItem.getText()).contains(markup, "v1 · 0:12–0:18", "Sam");
            assertThat(samItem.findElements(By.cssSelector("b, img, script"))).isEmpty();
            assertThat(((JavascriptExecutor) page).executeScript("return window.pwned === undefined")).isEqualTo(true);
            // The comment's word, measured at its time, under it (read in the background, shown when ready).
            wait.until(d -> !item(d, "muddy").findElements(By.cssSelector("ul.fb-readings li.fb-reading")).isEmpty());
            assertThat(item(page, "muddy").findElement(By.cssSelector("li.fb-reading")).getText())
                    .matches("muddy: 200-500 Hz is [+-]\\d+\\.\\d dB here against the rest of the song; "
                            + "(no finding on this band|the whole mix is muddy: MUD, \\+\\d+\\.\\d dB) \\(the built-in range: up to \\+5\\.0 dB\\)");
            List<WebElement> suggestions = page.findElements(By.cssSelector(".fb-suggest"));
            assertThat(suggestions).hasSize(1);
            assertThat(suggestions.get(0).getText()).contains("The Band's list has 5 items", "call or a studio visit");

            // Status and reply go to the server, and the client reads them on their page.
            new Select(samItem.findElement(By.cssSelector("select.item-status"))).selectByValue("declined");
            wait.until(d -> item(d, "Guitars").getAttribute("data-status").equals("declined"));
            item(page, "Guitars").findElement(By.cssSelector("textarea.item-reply")).sendKeys("Kept them wide on purpose; listen on speakers?");
            item(page, "Guitars").findElement(By.cssSelector("button.item-reply-save")).click();
            wait.until(d -> item(d, "Guitars").getText().contains("Reply saved"));
            JsonNode seen = client.get(path(sam, "comments")).json().get("comments").get(0);
            assertThat(seen.get("status").asText()).isEqualTo("declined");
            assertThat(seen.get("reply").asText()).isEqualTo("Kept them wide on purpose; listen on speakers?");

            // Approved: the page says so and the engineer can reopen, keeping the approval in the history.
            client.post(path(sam, "approve"), Map.of("version_id", v2, "name", "Sam", "note", "<i>perfect</i>"));
            page.navigate().refresh();
            WebElement fin = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fb-final")));
            assertThat(fin.getText()).contains("v2 is the final mix: approved by Sam", "<i>perfect</i>");
            page.findElement(By.id("reopen")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".fb-final")));
            assertThat(page.findElement(By.cssSelector(".fb-approvals")).getText()).contains("Sam approved v2", "reopened");
            assertThat(owner.get("/api/projects/" + project + "/approvals").json().get("final_version_id").isNull()).isTrue();
        }
    }

    private static WebElement item(WebDriver page, String text) {
        return page.findElements(By.cssSelector("#revision-list li.revision-item")).stream()
                .filter(li -> li.findElement(By.cssSelector(".fb-body")).getText().contains(text)).findFirst().orElseThrow();
    }
}
