package dev.signoff.server;

import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import dev.signoff.server.store.Database;
import dev.signoff.server.support.Browser;
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

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review loop in a real browser, as issue 4 describes it: the engineer uploads two versions and
 * makes a share link; the client opens it on a phone, plays, switches version at the same position,
 * leaves a time-stamped comment (with markup that must stay text); the engineer sees it as a revision
 * item; the client approves. A screenshot check makes sure the waveform and the comment marker are
 * really drawn.
 */
class ReviewJourneyTest {
    @TempDir Path dir;

    @Test
    void engineerSharesClientCommentsAndApproves() throws Exception {
        Path v1 = song(dir.resolve("Midnight Drive v1.wav"), 1.0f);
        Path v2 = song(dir.resolve("Midnight Drive v2.wav"), 2.2f);   // pushed into clipping
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir);
             Browser engineer = Browser.desktop(); Browser client = Browser.phone()) {
            HttpSession ownerApi = server.owner();
            WebDriver e = engineer.driver();
            e.get(server.base() + "/login");
            e.manage().addCookie(new Cookie.Builder("signoff_owner", ownerApi.cookie("signoff_owner")).path("/").isHttpOnly(true).build());

            // The engineer creates the project and uploads two bounces.
            e.get(server.base() + "/");
            wait(e).until(ExpectedConditions.elementToBeClickable(By.id("new-project-name"))).sendKeys("Midnight Drive");
            e.findElement(By.id("create-project")).click();
            wait(e).until(ExpectedConditions.elementToBeClickable(By.cssSelector("a.project-link"))).click();
            WebElement upload = wait(e).until(ExpectedConditions.presenceOfElementLocated(By.id("upload-input")));
            upload.sendKeys(v1.toString());
            waitForReady(e, 1);
            e.findElement(By.id("upload-input")).sendKeys(v2.toString());
            waitForReady(e, 2);
            // The check's findings of each version are one click away.
            // The list is drawn again when v2's preview arrives (after 'ready'): a click on the summary
            // found just before that lands on a removed element, so find, open and read in one retried step.
            new WebDriverWait(e, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class).until(d -> {
                WebElement findings = d.findElement(By.cssSelector("li.version[data-number='2'] .version-findings"));
                if (findings.getDomAttribute("open") == null) findings.findElement(By.tagName("summary")).click();
                return d.findElement(By.cssSelector("li.version[data-number='2'] .finding-list")).getText().contains("CLIPPING");
            });

            // A share link for the singer, with comments allowed.
            e.findElement(By.id("new-link-label")).sendKeys("Sam");
            new Select(e.findElement(By.id("new-link-audience"))).selectByValue("person");
            WebElement canComment = e.findElement(By.id("new-link-comment"));
            if (!canComment.isSelected()) canComment.click();
            e.findElement(By.id("create-link")).click();
            String url = wait(e).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".link-url"))).getText().trim();
            assertThat(url).contains("/s/");

            // The client opens it on a phone and plays (the name comes with the first comment).
            WebDriver c = client.driver();
            c.get(url);
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("play"))).click();
            wait(c).until(d -> audioTime(d) > 1.5);
            // The link does not allow downloads: what plays is the listening preview, not the upload.
            String src = (String) ((JavascriptExecutor) c).executeScript("return document.querySelector('#player audio').currentSrc;");
            assertThat(src).matches(".*/s/[A-Za-z0-9_-]{22}/api/versions/[A-Za-z0-9_-]+/audio");
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> fetched = (java.util.Map<String, Object>) ((JavascriptExecutor) c).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch(document.querySelector('#player audio').currentSrc, {headers: {Range: 'bytes=0-11'}})"
                            + ".then(async r => done({type: r.headers.get('content-type'), head: new TextDecoder('latin1').decode(await r.arrayBuffer())}));");
            assertThat(fetched.get("type")).isEqualTo("audio/mp4");
            assertThat((String) fetched.get("head")).as("an MP4, not the uploaded WAV").contains("ftyp").doesNotContain("RIFF");

            // Switching version keeps the playhead.
            Select versions = new Select(c.findElement(By.id("version-select")));
            String current = versions.getFirstSelectedOption().getAttribute("value");
            String other = versions.getOptions().stream().map(o -> o.getAttribute("value")).filter(v -> !v.equals(current)).findFirst().orElseThrow();
            double before = audioTime(c);
            versions.selectByValue(other);
            wait(c).until(d -> new Select(d.findElement(By.id("version-select"))).getFirstSelectedOption().getAttribute("value").equals(other)
                    && audioTime(d) >= before - 0.5);
            assertThat(audioTime(c)).isBetween(before - 0.5, before + 3.0);

            // A time-stamped comment, with markup that must be shown as text.
            String note = "Vocal up a touch in the chorus <img src=x onerror=\"window.pwned=1\"><script>window.pwned=1</script>";
            c.findElement(By.id("comment-text")).sendKeys(note);
            wait(c).until(ExpectedConditions.visibilityOfElementLocated(By.id("comment-name"))).sendKeys("Sam");
            c.findElement(By.id("comment-save")).click();
            wait(c).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".comment-marker")));
            wait(c).until(d -> d.getPageSource().contains("Vocal up a touch in the chorus"));
            assertThat(((JavascriptExecutor) c).executeScript("return window.pwned === undefined")).isEqualTo(true);
            assertThat(c.findElement(By.id("feedback")).getText()).contains("<script>window.pwned=1</script>");
            assertWaveformAndMarkerDrawn(client, c);

            // The engineer sees it as a revision item.
            e.navigate().refresh();
            wait(e).until(d -> d.findElements(By.cssSelector("#revision-list li.revision-item")).stream()
                    .anyMatch(li -> li.getText().contains("Vocal up a touch in the chorus")));
            engineer.screenshot("project-desktop");

            // The client approves the version they are on; the project has its final version.
            WebElement name = c.findElement(By.id("approve-name"));
            if (name.getAttribute("value").isBlank()) name.sendKeys("Sam");
            c.findElement(By.id("approve")).click();
            wait(c).until(ExpectedConditions.elementToBeClickable(By.id("approve-confirm"))).click();
            var project = ownerApi.get("/api/projects").json().get(0);
            wait(c).until(d -> !ownerApi.get("/api/projects/" + project.get("id").asText()).json().get("final_version_id").isNull());
            var detail = ownerApi.get("/api/projects/" + project.get("id").asText()).json();
            assertThat(detail.get("final_version_id").asText()).isEqualTo(other);
        }
    }

    private static void waitForReady(WebDriver d, int number) {
        new WebDriverWait(d, Duration.ofSeconds(90)).ignoring(StaleElementReferenceException.class).until(x -> x.findElements(By.cssSelector("li.version[data-number='" + number + "']")).stream()
                .anyMatch(li -> li.getText().contains("LUFS")));
    }

    private static double audioTime(WebDriver d) {
        Object t = ((JavascriptExecutor) d).executeScript("const a = document.querySelector('#player audio.active'); return a ? a.currentTime : -1;");
        return ((Number) t).doubleValue();
    }

    /** The waveform's box must hold drawn pixels (not one flat colour) and the marker must be visible. */
    private static void assertWaveformAndMarkerDrawn(Browser browser, WebDriver d) throws IOException {
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(browser.screenshot("listen-phone")));
        double scale = shot.getWidth() / ((Number) ((JavascriptExecutor) d).executeScript("return window.innerWidth")).doubleValue();
        WebElement wave = d.findElement(By.id("waveform"));
        var r = viewportRect(d, wave);
        int[] counts = new int[2];
        int background = shot.getRGB((int) ((r.x + 2) * scale), (int) ((r.y + 2) * scale));
        for (int y = (int) (r.y * scale); y < (int) ((r.y + r.height) * scale) && y < shot.getHeight(); y++)
            for (int x = (int) (r.x * scale); x < (int) ((r.x + r.width) * scale) && x < shot.getWidth(); x++) {
                counts[0]++;
                if (distance(shot.getRGB(x, y), background) > 60) counts[1]++;
            }
        assertThat(counts[0]).isGreaterThan(1000);
        assertThat(counts[1] / (double) counts[0]).as("share of waveform pixels drawn").isBetween(0.05, 0.95);
        WebElement marker = d.findElement(By.cssSelector(".comment-marker"));
        var m = viewportRect(d, marker);
        assertThat(m.width * m.height).isGreaterThan(0);
        int mx = (int) ((m.x + m.width / 2.0) * scale), my = (int) ((m.y + m.height / 2.0) * scale);
        assertThat(distance(shot.getRGB(mx, my), background)).as("marker drawn over the waveform").isGreaterThan(60);
    }

    /** Where an element is in the screenshot: in the viewport (the sticky player stays there when the page scrolls). */
    private static org.openqa.selenium.Rectangle viewportRect(WebDriver d, WebElement e) {
        @SuppressWarnings("unchecked")
        var b = (java.util.Map<String, Number>) ((JavascriptExecutor) d).executeScript(
                "const r = arguments[0].getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height};", e);
        return new org.openqa.selenium.Rectangle((int) Math.round(b.get("x").doubleValue()), (int) Math.round(b.get("y").doubleValue()),
                (int) Math.round(b.get("h").doubleValue()), (int) Math.round(b.get("w").doubleValue()));
    }

    private static int distance(int a, int b) {
        return Math.abs(((a >> 16) & 255) - ((b >> 16) & 255)) + Math.abs(((a >> 8) & 255) - ((b >> 8) & 255)) + Math.abs((a & 255) - (b & 255));
    }

    private static WebDriverWait wait(WebDriver d) {
        return (WebDriverWait) new WebDriverWait(d, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
    }

    private static Path song(Path file, float gain) throws IOException {
        SongSynth.Song song = SongSynth.render(44_100, 20, 11);
        try (WavWriter w = WavWriter.open(file, song.sampleRate(), 2, 16)) {
            float[][] block = new float[2][];
            for (int ch = 0; ch < 2; ch++) {
                block[ch] = Arrays.copyOf(song.channels()[ch], song.frames());
                for (int i = 0; i < block[ch].length; i++) block[ch][i] *= gain * 0.7f;
            }
            w.write(block, song.frames());
        }
        return file;
    }
}
