package dev.signoff.server;

import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.Audience;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.FeedbackFixture;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.Mixes;
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
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revision journey in a real browser (issue 5): after the client's comment ("vocal up a bit")
 * the engineer drops a v3 that does what was asked and also brightens the top. The project page
 * shows the request as done and a scope-check warning naming the change nobody asked for; the
 * "let it go" meter is drawn with its verdict. The client's words stay text.
 */
class RevisionJourneyTest {
    @TempDir Path dir;

    @Test
    void v3DoesWhatWasAskedAndMoreAndThePageWarns() throws Exception {
        Mixes v1 = Mixes.song(24, 17);
        Mixes v3 = v1.vocalUp().brighter();
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir); Browser engineer = Browser.desktop()) {
            HttpSession owner = server.owner();
            FeedbackFixture fx = new FeedbackFixture(server);
            String project = LibrarySteps.project(owner, "Harbour Lights");
            LibrarySteps.uploaded(owner, project, v1.wav(dir.resolve("harbour v1.wav")), "harbour v1.wav");
            String second = LibrarySteps.uploaded(owner, project, v1.wav(dir.resolve("harbour v2.wav"), 24), "harbour v2.wav");   // re-encoded: no change
            LibrarySteps.changes(owner, second);

            // The client asks for one thing on v2, with markup that must stay text.
            ShareLink sam = fx.link(project, "Sam", Audience.PERSON, true);
            var posted = fx.listener(sam).post("/s/" + sam.token() + "/api/comments",
                    Map.of("version_id", second, "start_s", 6.0, "body", "vocal up a bit <img src=x onerror=\"window.pwned=1\">", "author", "Sam"));
            assertThat(posted.status()).as(posted.text()).isEqualTo(201);

            WebDriver e = engineer.driver();
            e.get(server.base() + "/login");
            e.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
            e.get(server.base() + "/projects/" + project);
            // One step so far, v2 against v1, under the JND.
            wait(e, 20).withMessage(() -> "the changes section: " + e.findElement(By.id("changes")).getAttribute("innerHTML"))
                    .until(d -> d.findElement(By.cssSelector("#let-it-go .meter-verdict")).getText().contains("less than listeners can reliably hear"));

            // The engineer drops v3 on the page.
            wait(e, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-input")))
                    .sendKeys(v3.wav(dir.resolve("harbour v3.wav")).toString());

            wait(e, 120).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#scope-warning")));
            // The section redraws as live updates arrive: read it inside a wait, which finds the elements afresh.
            wait(e, 20).until(d -> {
                assertThat(d.findElement(By.cssSelector("details.version-changes[data-number='3']")).getAttribute("open")).isNotNull();
                List<WebElement> unasked = d.findElements(By.cssSelector("#scope-warning .unasked-change"));
                assertThat(unasked).extracting(WebElement::getText).as("the unasked changes")
                        .anySatisfy(t -> assertThat(t).containsIgnoringCase("tonal").contains("kHz").contains("+"));
                WebElement asked = d.findElement(By.cssSelector("details.version-changes[data-number='3'] li.asked-request"));
                assertThat(asked.getAttribute("data-status")).isEqualTo("done");
                assertThat(asked.getText()).contains("done").contains("<img src=x onerror=\"window.pwned=1\">");
                return true;
            });
            assertThat(((JavascriptExecutor) e).executeScript("return window.pwned === undefined")).isEqualTo(true);

            // The meter: one bar per step, v3's above the 1 JND line, and a verdict in words.
            wait(e, 20).until(d -> d.findElements(By.cssSelector("#let-it-go svg rect.bar")).size() == 2);
            wait(e, 20).until(d -> {
                assertThat(d.findElement(By.cssSelector("#let-it-go rect.bar[data-number='3']")).getAttribute("class")).contains("audible");
                assertThat(d.findElement(By.cssSelector("#let-it-go .meter-verdict")).getText()).contains("still changes audibly");
                return true;
            });
            ((JavascriptExecutor) e).executeScript("document.getElementById('changes').scrollIntoView()");
            engineer.screenshot("project-changes");
        }
    }

    private static WebDriverWait wait(WebDriver d, int seconds) {
        return (WebDriverWait) new WebDriverWait(d, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class);
    }
}
