package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.server.store.Database;
import dev.signoff.server.store.ShareLinkStore.ShareLink;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.Mixes;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who listened, end to end in a real headless Chromium: a client on a phone plays a version to the
 * end on the listening page, its reports (web/listen-stats.js) reach the server, and the engineer's
 * project page says who played what, how far, on what device.
 */
class ListeningPageStatsBrowserTest {
    @TempDir Path dir;

    private static WebDriverWait wait(WebDriver d) {
        return (WebDriverWait) new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
    }

    @Test
    void aPhonePlayingAVersionToTheEndShowsOnTheEngineersProjectPage() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir); Browser phone = Browser.phone(); Browser desk = Browser.desktop()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Short Song");
            LibrarySteps.uploaded(owner, project, Mixes.song(6, 3).wav(dir.resolve("short v1.wav")), "short v1.wav");
            LibrarySteps.settled(owner, project);
            ShareLink sam = LibrarySteps.personLink(server.server().context(), project, "Sam", false);

            WebDriver c = phone.driver();
            // Listen first: no name is asked before playing. Sam is a returning listener, whose name
            // the page remembers on this device from an earlier comment.
            c.get(server.base() + "/s/" + sam.token());
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("play")));
            ((org.openqa.selenium.JavascriptExecutor) c).executeScript("localStorage.setItem('signoff.listener-name', 'Sam')");
            c.navigate().refresh();
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("play"))).click();

            JsonNode v = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline) {
                JsonNode listeners = owner.get("/api/projects/" + project + "/listening").json().get("listeners");
                if (listeners.size() == 1 && listeners.get(0).get("versions").size() == 1
                        && listeners.get(0).get("versions").get(0).get("plays_to_end").asInt() == 1) {
                    v = listeners.get(0).get("versions").get(0);
                    assertThat(listeners.get(0).get("name").asText()).isEqualTo("Sam");
                    assertThat(listeners.get(0).get("device").asText()).isEqualTo("phone");
                    break;
                }
                Thread.sleep(250);
            }
            assertThat(v).as("the phone's play to the end reached the server: " + owner.get("/api/projects/" + project + "/listening").text()).isNotNull();
            assertThat(v.get("plays").asInt()).isEqualTo(1);
            double length = v.get("duration_s").asDouble();
            assertThat(v.get("furthest_s").asDouble()).isGreaterThanOrEqualTo(length - 1);
            assertThat(v.get("heard_s").asDouble()).as(v.toString()).isBetween(length - 3, length + 0.5);

            WebDriver e = desk.driver();
            e.get(server.base() + "/login");
            e.manage().addCookie(new Cookie.Builder("signoff_owner", owner.cookie("signoff_owner")).path("/").isHttpOnly(true).build());
            e.get(server.base() + "/projects/" + project);
            String text = wait(e).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#listener-list li.listener"))).getText();
            assertThat(text).contains("Sam").contains("opened the link today").contains("on a phone")
                    .contains("Sam played v1 to the end once, heard 0:");
            ((org.openqa.selenium.JavascriptExecutor) e).executeScript("document.getElementById('listening').scrollIntoView()");
            desk.screenshot("who-listened");
        }
    }
}
