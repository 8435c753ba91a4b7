package dev.signoff.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Browser;
import dev.signoff.server.support.HttpSession;
import dev.signoff.server.support.LibrarySteps;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening page as a client uses it, in a real Chromium at phone size (issue 11): the page plays
 * before anyone gives a name, which is asked only with the first comment; one tap switches between the
 * two latest versions at the same playhead, loudness-matched, from audio already buffered; the player
 * stays on screen while a comment is typed on a scrolled page; approval happens in the page's own
 * dialog naming the version and the person; a download link offers the original file and a
 * listen-only link offers none.
 */
class ListeningPageJourneyTest {
    private static final String CAPTURE_PLAYER =
            "document.addEventListener('signoff:player', e => { window.player = e.detail.player; });";
    @TempDir Path dir;

    @Test
    void listenFirstCompareCommentOnAPhoneApproveAndDownload() throws Exception {
        Path quiet = song(dir.resolve("Night Drive v1.wav"), 0.35f);
        Path loud = song(dir.resolve("Night Drive v2.wav"), 0.7f);   // 6 dB louder: the page must turn it down
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir);
             Browser phone = Browser.phone(); Browser other = Browser.phone()) {
            HttpSession owner = server.owner();
            String project = LibrarySteps.project(owner, "Night Drive");
            String v1 = LibrarySteps.uploaded(owner, project, quiet, "Night Drive v1.wav");
            String v2 = LibrarySteps.uploaded(owner, project, loud, "Night Drive v2.wav");
            LibrarySteps.settled(owner, project);
            String downloadLink = link(owner, project, Map.of("label", "Sam", "can_comment", true, "can_download", true));
            String listenOnly = link(owner, project, Map.of("label", "Label A&R", "can_comment", false, "can_download", false));

            ChromeDriver c = phone.driver();
            c.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CAPTURE_PLAYER));
            c.get(server.base() + downloadLink);

            // Listen first: the player is there and plays; nobody asked for a name.
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("play"))).click();
            wait(c).until(d -> audioTime(d) > 1.5);
            assertThat(c.findElements(By.id("name-input"))).isEmpty();
            assertThat(js(c, "return window.player.version.id")).isEqualTo(v2);

            // A/B: one tap moves to v1 at the same playhead, from audio already buffered, turned up to v1's loudness...
            WebElement ab = wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("ab-toggle")));
            assertThat(ab.getAttribute("aria-label")).contains("v1");
            wait(c).until(d -> js(d, "return document.querySelectorAll('#player audio').length").equals(2L)
                    && ((Number) js(d, "return Math.min(...[...document.querySelectorAll('#player audio')].map(a => a.readyState))")).intValue() >= 2);
            @SuppressWarnings("unchecked")
            Map<String, Object> toV1 = (Map<String, Object>) c.executeAsyncScript(TOGGLE);
            assertThat(toV1).as("the other version started playing").isNotNull();
            System.out.printf("A/B switch v2 -> v1: playing from %.2f s at %.2f s, %.0f ms after the tap%n",
                    ((Number) toV1.get("from")).doubleValue(), ((Number) toV1.get("at")).doubleValue(), ((Number) toV1.get("ms")).doubleValue());
            assertThat((String) toV1.get("src")).contains("/versions/" + v1 + "/audio");
            assertThat(toV1.get("oldPaused")).isEqualTo(true);
            assertThat(((Number) toV1.get("at")).doubleValue()).isBetween(((Number) toV1.get("from")).doubleValue(),
                    ((Number) toV1.get("from")).doubleValue() + 1.0);
            assertThat(((Number) toV1.get("ms")).doubleValue()).isLessThan(1500);
            assertThat(js(c, "return window.player.version.id")).isEqualTo(v1);
            double quietGain = ((Number) js(c, "return window.player.decks.get(arguments[0]).gain.gain.value", v1)).doubleValue();
            double loudGain = ((Number) js(c, "return window.player.decks.get(arguments[0]).gain.gain.value", v2)).doubleValue();
            JsonNode versions = owner.get("/api/projects/" + project).json().get("versions");
            double lufsDifference = versions.get(1).get("integrated_lufs").asDouble() - versions.get(0).get("integrated_lufs").asDouble();
            assertThat(lufsDifference).isBetween(5.0, 7.0);
            assertThat(quietGain).isEqualTo(1.0);
            assertThat(20 * Math.log10(loudGain)).isCloseTo(-lufsDifference, org.assertj.core.data.Offset.offset(0.05));
            // ...and the download button follows the version playing.
            assertThat(c.findElement(By.id("download")).getAttribute("href")).endsWith("/versions/" + v1 + "/audio?download=1");

            // ...and the same tap goes back to v2.
            @SuppressWarnings("unchecked")
            Map<String, Object> toV2 = (Map<String, Object>) c.executeAsyncScript(TOGGLE);
            assertThat(toV2).isNotNull();
            assertThat((String) toV2.get("src")).contains("/versions/" + v2 + "/audio");
            assertThat(((Number) toV2.get("at")).doubleValue()).isBetween(((Number) toV2.get("from")).doubleValue(),
                    ((Number) toV2.get("from")).doubleValue() + 1.0);

            // The download button fetches the original file, byte for byte, as an attachment.
            WebElement download = c.findElement(By.id("download"));
            assertThat(download.getAttribute("download")).isNotNull();
            assertThat(download.getAttribute("href")).endsWith("/versions/" + v2 + "/audio?download=1");
            @SuppressWarnings("unchecked")
            Map<String, Object> fetched = (Map<String, Object>) c.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(document.getElementById('download').href).then(async r => {
                      const digest = await crypto.subtle.digest('SHA-256', await r.arrayBuffer());
                      done({status: r.status, disposition: r.headers.get('Content-Disposition'),
                            sha: [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('')});
                    }).catch(e => done({error: String(e)}));""");
            assertThat(fetched.get("status")).isEqualTo(200L);
            assertThat((String) fetched.get("disposition")).startsWith("attachment;");
            assertThat(fetched.get("sha")).isEqualTo(sha256(loud));

            // The name is asked with the first comment, not before.
            WebElement text = c.findElement(By.id("comment-text"));
            text.sendKeys("Kick a little louder in the chorus");
            c.findElement(By.id("comment-save")).click();
            WebElement name = wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-name")));
            assertThat(c.findElement(By.cssSelector("#feedback .fb-composer .error")).getText()).contains("name");
            name.sendKeys("Sam");
            c.findElement(By.id("comment-save")).click();
            wait(c).until(d -> d.findElements(By.cssSelector("#comment-list li.fb-comment")).stream()
                    .anyMatch(li -> li.getText().contains("Kick a little louder") && li.getText().contains("Sam")));
            assertThat(wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("listener-name"))).getText()).isEqualTo("Sam");
            assertThat(c.findElement(By.id("comment-name")).isDisplayed()).isFalse();

            // Typing on a phone: with the comment box focused and the page scrolled, the player stays in view.
            c.findElement(By.id("comment-text")).click();
            c.findElement(By.id("comment-text")).sendKeys("The snare ");
            js(c, "window.scrollTo(0, document.documentElement.scrollHeight); return null;");
            assertThat(((Number) js(c, "return window.scrollY")).doubleValue()).as("the page scrolled").isGreaterThan(150);
            assertThat(js(c, "return document.activeElement.id")).isEqualTo("comment-text");
            assertPlayerInViewport(c);
            js(c, "document.getElementById('comment-text').scrollIntoView(); return null;");
            assertPlayerInViewport(c);
            double playerBottom = ((Number) js(c, "return document.getElementById('player').getBoundingClientRect().bottom")).doubleValue();
            double textTop = ((Number) js(c, "return document.getElementById('comment-text').getBoundingClientRect().top")).doubleValue();
            assertThat(textTop).as("the comment box is not hidden under the player").isGreaterThanOrEqualTo(playerBottom - 1);
            phone.screenshot("listen-phone-typing");

            // Remembered on this device: a reload neither asks for the name nor loses it.
            c.navigate().refresh();
            assertThat(wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("listener-name"))).getText()).isEqualTo("Sam");
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("play")));

            // Approval in the page's own dialog, naming the version and the person; no browser confirm().
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("approve"))).click();
            WebElement dialog = wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("approve-dialog")));
            assertThat(js(c, "return document.getElementById('approve-dialog').open")).isEqualTo(true);
            assertThat(dialog.getText()).contains("v2", "Sam");
            assertThat(noAlert(c)).isTrue();
            phone.screenshot("listen-phone-approve");
            c.findElement(By.id("approve-cancel")).click();
            wait(c).until(ExpectedConditions.invisibilityOfElementLocated(By.id("approve-dialog")));
            assertThat(owner.get("/api/projects/" + project).json().get("final_version_id").isNull()).isTrue();
            c.findElement(By.id("approve")).click();
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("approve-confirm"))).click();
            wait(c).until(d -> !owner.get("/api/projects/" + project).json().get("final_version_id").isNull());
            assertThat(owner.get("/api/projects/" + project).json().get("final_version_id").asText()).isEqualTo(v2);
            wait(c).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".fb-approved-line"), "approved by Sam"));

            // A listen-only link: it plays, asks nothing, and offers no download.
            ChromeDriver l = other.driver();
            l.get(server.base() + listenOnly);
            wait(l).until(ExpectedConditions.elementToBeClickable(By.id("play"))).click();
            wait(l).until(d -> audioTime(d) > 0.5);
            assertThat(l.findElements(By.id("name-input"))).isEmpty();
            assertThat(l.findElements(By.id("download"))).isEmpty();
            Object refused = l.executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    fetch(location.pathname + '/api/versions/' + arguments[0] + '/audio?download=1').then(r => done(r.status));""", v2);
            assertThat(refused).isEqualTo(403L);
        }
    }

    /** Taps the A/B button; answers when the newly active audio element is playing past the old playhead. */
    private static final String TOGGLE = """
            const done = arguments[arguments.length - 1];
            const before = document.querySelector('#player audio.active');
            const from = before.currentTime, t0 = performance.now();
            document.getElementById('ab-toggle').click();
            (function poll() {
              const a = document.querySelector('#player audio.active');
              if (a && a !== before && !a.paused && a.currentTime > from + 0.05)
                return done({ms: performance.now() - t0, from, at: a.currentTime, src: a.currentSrc, oldPaused: before.paused});
              if (performance.now() - t0 > 10000) return done(null);
              setTimeout(poll, 5);
            })();""";

    private static String link(HttpSession owner, String project, Map<String, Object> body) {
        var r = owner.post("/api/projects/" + project + "/links", body);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("path").asText();
    }

    private static void assertPlayerInViewport(WebDriver d) {
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) js(d, """
                const r = document.getElementById('player').getBoundingClientRect();
                return {top: r.top, bottom: r.bottom, height: innerHeight};""");
        double top = ((Number) box.get("top")).doubleValue(), bottom = ((Number) box.get("bottom")).doubleValue();
        assertThat(top).as("player top " + box).isGreaterThanOrEqualTo(0);
        assertThat(bottom).as("player bottom " + box).isLessThanOrEqualTo(((Number) box.get("height")).doubleValue());
    }

    private static boolean noAlert(WebDriver d) {
        try {
            d.switchTo().alert();
            return false;
        } catch (org.openqa.selenium.NoAlertPresentException none) {
            return true;
        }
    }

    private static double audioTime(WebDriver d) {
        return ((Number) js(d, "const a = document.querySelector('#player audio.active'); return a ? a.currentTime : -1;")).doubleValue();
    }

    private static Object js(WebDriver d, String script, Object... args) {
        return ((JavascriptExecutor) d).executeScript(script, args);
    }

    private static WebDriverWait wait(WebDriver d) {
        return (WebDriverWait) new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path song(Path file, float gain) throws IOException {
        SongSynth.Song song = SongSynth.render(44_100, 24, 5);
        try (WavWriter w = WavWriter.open(file, song.sampleRate(), 2, 16)) {
            float[][] block = new float[2][];
            for (int ch = 0; ch < 2; ch++) {
                block[ch] = Arrays.copyOf(song.channels()[ch], song.frames());
                for (int i = 0; i < block[ch].length; i++) block[ch][i] *= gain;
            }
            w.write(block, song.frames());
        }
        return file;
    }
}
