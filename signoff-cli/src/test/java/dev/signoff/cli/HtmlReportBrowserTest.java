package dev.signoff.cli;

import dev.signoff.analysis.loudness.LoudnessMeter;
import dev.signoff.audio.AudioBlock;
import dev.signoff.audio.AudioDecoders;
import dev.signoff.audio.AudioReader;
import dev.signoff.audio.synth.SongSynth;
import dev.signoff.audio.wav.WavWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check's HTML report in Debian's headless Chromium (SE_OFFLINE=true; never a downloaded
 * browser) at a phone's 390x844 and a laptop's 1280x800: no horizontal overflow of the page (the device
 * tables scroll in their own box), every finding row visible, the waveform drawn with the finding marked at its time (read back from a
 * screenshot's pixels), and a click on a finding row moving the player and its playhead there.
 */
class HtmlReportBrowserTest {
    private static final String CHROMIUM = System.getenv().getOrDefault("SIGNOFF_TEST_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("SIGNOFF_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");

    @TempDir static Path dir;
    static Path report;
    ChromeDriver driver;

    @BeforeAll
    static void report() throws Exception {
        // Clipped choruses (problems at their times), a stop with hiss (a warning at its time), a wide mix (a whole-song warning).
        float[][] x = SongSynth.render(48_000, 60, 7, EnumSet.of(SongSynth.Defect.CLIPPING, SongSynth.Defect.STOP_HISS, SongSynth.Defect.WIDE)).channels();
        Path mix = dir.resolve("mix v1.wav");
        try (WavWriter w = WavWriter.open(mix, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
        report = dir.resolve("report").resolve("mix.html");
        Files.createDirectories(report.getParent());
        CliRun run = CliRun.of("check", mix.toString(), "--device", "airpods,phone", "--format", "html", "-o", report.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(Files.readString(report)).contains("src=\"../mix%20v1.wav\"");
    }

    @AfterEach
    void close() {
        if (driver != null) driver.quit();
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"390,844,true", "1280,800,false"})
    void fitsShowsEveryFindingAndMarksThemOnTheWaveform(int width, int height, boolean phone) throws Exception {
        driver = open(width, height, phone);
        driver.get(report.toUri().toString());
        JavascriptExecutor js = driver;

        long pageWidth = (Long) js.executeScript("return document.documentElement.scrollWidth;");
        long viewport = (Long) js.executeScript("return document.documentElement.clientWidth;");
        assertThat(viewport).isEqualTo(width);
        assertThat(pageWidth).as("page width at %d px", width).isLessThanOrEqualTo(viewport);

        // The device tables (a column per section) scroll inside their own box rather than widening the page.
        List<WebElement> boxes = driver.findElements(By.cssSelector(".scroll"));
        assertThat(boxes).isNotEmpty();
        for (WebElement box : boxes) {
            long right = ((Number) js.executeScript("return arguments[0].getBoundingClientRect().right;", box)).longValue();
            assertThat(right).isLessThanOrEqualTo(viewport);
        }
        if (phone) {
            assertThat(boxes.stream().anyMatch(b -> (Long) js.executeScript("return arguments[0].scrollWidth - arguments[0].clientWidth;", b) > 0))
                    .as("a device table wider than the phone scrolls in its box").isTrue();
        }

        List<WebElement> rows = driver.findElements(By.cssSelector("table.findings tbody tr"));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(3);
        for (WebElement row : rows) {
            js.executeScript("arguments[0].scrollIntoView({block:'center'});", row);
            assertThat(row.isDisplayed()).isTrue();
            @SuppressWarnings("unchecked") Map<String, Number> r = (Map<String, Number>) js.executeScript(
                    "var b = arguments[0].getBoundingClientRect(); return {left: b.left, right: b.right, h: b.height};", row);
            assertThat(r.get("left").doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(r.get("right").doubleValue()).as(row.getText()).isLessThanOrEqualTo(viewport);
            assertThat(r.get("h").doubleValue()).isGreaterThan(10);
        }
        // the whole-song finding is listed above the waveform, not marked on it
        assertThat(driver.findElement(By.cssSelector(".wave-card .whole")).getText()).contains("WIDTH");
        assertThat(driver.findElements(By.cssSelector(".mark[data-code=WIDTH]"))).isEmpty();

        WebElement wave = driver.findElement(By.cssSelector(".wave"));
        WebElement mark = driver.findElement(By.cssSelector(".mark.problem[data-code=CLIPPING]"));
        js.executeScript("arguments[0].scrollIntoView({block:'center'});", wave);
        double duration = Double.parseDouble(wave.getAttribute("data-duration")), start = Double.parseDouble(mark.getAttribute("data-t"));
        @SuppressWarnings("unchecked") Map<String, Number> w = (Map<String, Number>) js.executeScript(
                "var b = arguments[0].getBoundingClientRect(); return {left: b.left, top: b.top, width: b.width, height: b.height, dpr: window.devicePixelRatio};", wave);
        double dpr = w.get("dpr").doubleValue(), left = w.get("left").doubleValue(), top = w.get("top").doubleValue(), ww = w.get("width").doubleValue();
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(driver.getScreenshotAs(OutputType.BYTES)));
        Path shots = Files.createDirectories(Path.of("target", "screenshots"));
        ImageIO.write(shot, "png", shots.resolve("html-report-" + width + ".png").toFile());

        // The mark's solid strip at its time, in the problem colour (#d63b3b).
        double markX = left + ww * start / duration + 2;
        int[] rgb = rgb(shot.getRGB((int) Math.round(markX * dpr), (int) Math.round((top + 4) * dpr)));
        assertThat(rgb).as("pixel where CLIPPING at %.1f s is marked", start).satisfies(c -> {
            assertThat(Math.abs(c[0] - 0xD6)).isLessThan(30);
            assertThat(Math.abs(c[1] - 0x3B)).isLessThan(30);
            assertThat(Math.abs(c[2] - 0x3B)).isLessThan(30);
        });
        // The waveform itself: the left lane's outline reaches 30 % of full scale over most of the song, in its
        // colour (#5b6bc9), alone or under a translucent mark; the page and a mark over nothing are far lighter.
        double laneHeight = (w.get("height").doubleValue() - 16) / 2, y = top + laneHeight / 2 - 0.3 * laneHeight * 0.48;
        int drawn = 0, columns = 0;
        for (double px = left + 2; px < left + ww - 2; px += 2) {
            columns++;
            int[] c = rgb(shot.getRGB((int) Math.round(px * dpr), (int) Math.round(y * dpr)));
            if (c[0] + c[1] + c[2] < 520 && c[2] > c[1]) drawn++;
        }
        assertThat(drawn).as("waveform columns drawn at 30 %% of full scale").isGreaterThan(columns / 2);

        // A click on the finding's row plays from there: the player and the playhead move to its start.
        WebElement row = driver.findElement(By.cssSelector("table.findings tr[data-t='" + mark.getAttribute("data-t") + "']"));
        js.executeScript("arguments[0].scrollIntoView({block:'center'});", row);
        row.click();
        double playhead = ((Number) js.executeScript("return parseFloat(document.querySelector('.playhead').style.left);")).doubleValue();
        assertThat(playhead).isCloseTo(100 * start / duration, org.assertj.core.data.Offset.offset(1.0));
        double current = ((Number) js.executeScript("return document.querySelector('audio.player').currentTime;")).doubleValue();
        assertThat(current).isCloseTo(start, org.assertj.core.data.Offset.offset(1.0));
    }

    /**
     * With --render-dir, every device render, codec decode and codec residual gets a player beside the mix,
     * the louder of the two turned down by their difference in integrated loudness (measured here from the
     * files the report links), and switching carries the playhead across.
     */
    @Test
    void levelMatchedPlayersForEveryRender() throws Exception {
        float[][] x = SongSynth.render(48_000, 20, 3, EnumSet.noneOf(SongSynth.Defect.class)).channels();
        Path mix = dir.resolve("renders mix.wav");
        try (WavWriter w = WavWriter.open(mix, 48_000, 2, 24)) {
            w.write(x, x[0].length);
        }
        Path page = dir.resolve("renders-report").resolve("mix.html");
        Files.createDirectories(page.getParent());
        CliRun run = CliRun.of("check", mix.toString(), "--device", "phone", "--codecs", "--render-dir", dir.resolve("renders").toString(),
                "--format", "html", "-o", page.toString(), "-q");
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);

        driver = open(1280, 800, false);
        driver.get(page.toUri().toString());
        JavascriptExecutor js = driver;
        assertThat(driver.findElements(By.cssSelector(".devices .ab"))).hasSize(1);
        List<WebElement> codecPlayers = driver.findElements(By.cssSelector("#streaming .ab"));
        assertThat(codecPlayers).as("a decode and a residual player per codec").hasSize(10);
        List<WebElement> players = driver.findElements(By.cssSelector(".ab"));
        double mixLufs = lufs(mix);
        for (WebElement player : players) {
            @SuppressWarnings("unchecked") List<Map<String, Object>> files = (List<Map<String, Object>>) js.executeScript(
                    "return Array.from(arguments[0].querySelectorAll('audio')).map(function (a) { return {src: a.getAttribute('src'), volume: a.volume}; });", player);
            assertThat(files).hasSize(2);
            assertThat(page.getParent().resolve(java.net.URI.create((String) files.get(0).get("src")).getPath()).normalize()).isEqualTo(mix);
            double renderLufs = lufs(page.getParent().resolve(java.net.URI.create((String) files.get(1).get("src")).getPath()).normalize());
            double originalDb = 20 * Math.log10(((Number) files.get(0).get("volume")).doubleValue());
            double renderDb = 20 * Math.log10(((Number) files.get(1).get("volume")).doubleValue());
            String what = files.get(1).get("src") + " at " + renderLufs + " LUFS against the mix at " + mixLufs;
            if (renderLufs > mixLufs) {
                assertThat(originalDb).as(what).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(renderDb).as(what).isCloseTo(mixLufs - renderLufs, org.assertj.core.data.Offset.offset(0.1));
            } else {
                assertThat(renderDb).as(what).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(originalDb).as(what).isCloseTo(renderLufs - mixLufs, org.assertj.core.data.Offset.offset(0.1));
            }
        }
        // The residual, the codec's artefacts alone, is far quieter than the mix: the mix is the one turned down.
        WebElement residual = codecPlayers.get(1);
        double residualGain = ((Number) js.executeScript("return 20 * Math.log10(arguments[0].querySelector('audio').volume);", residual)).doubleValue();
        assertThat(residualGain).isLessThan(-10);

        WebElement first = codecPlayers.get(0);
        js.executeScript("arguments[0].scrollIntoView({block:'center'}); arguments[0].querySelector('audio').currentTime = 7.5;", first);
        first.findElements(By.cssSelector(".ab-pick")).get(1).click();
        double renderTime = ((Number) js.executeScript("return arguments[0].querySelectorAll('audio')[1].currentTime;", first)).doubleValue();
        assertThat(renderTime).isCloseTo(7.5, org.assertj.core.data.Offset.offset(0.05));
        assertThat(first.findElements(By.cssSelector(".ab-pick")).get(1).getAttribute("aria-pressed")).isEqualTo("true");
    }

    private static double lufs(Path file) throws Exception {
        try (AudioReader r = AudioDecoders.open(file)) {
            LoudnessMeter m = new LoudnessMeter(r.info());
            AudioBlock b;
            while ((b = r.read(8192)) != null) m.accept(b);
            m.finish();
            return m.result().integratedLufs();
        }
    }

    private static int[] rgb(int argb) {
        return new int[]{(argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF};
    }

    private static ChromeDriver open(int width, int height, boolean phone) throws Exception {
        assertThat(new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute())
                .as("the browser tests need Debian's chromium and chromium-driver").isTrue();
        Path profile = Files.createTempDirectory(dir, "chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--autoplay-policy=no-user-gesture-required", "--allow-file-access-from-files", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        if (phone) options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", width, "height", height, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new ChromeDriver(service, options);
    }
}
