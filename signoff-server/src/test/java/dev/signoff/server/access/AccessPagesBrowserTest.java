package dev.signoff.server.access;

import dev.signoff.server.store.Database;
import dev.signoff.server.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access pages in a real headless Chromium at phone size: first-start setup with the owner token,
 * sign-in redirects that stay on this site, creating a share link with a password and its drafted
 * message, the listener unlocking it and giving a name that is remembered, and a revoked link closing
 * the open page. Screenshots land in target/screenshots.
 */
class AccessPagesBrowserTest {
    private static final Path SHOTS = Path.of("target", "screenshots");
    @TempDir Path dir;
    private final List<WebDriver> drivers = new ArrayList<>();

    @AfterEach void quit() { drivers.forEach(WebDriver::quit); }

    @Test
    void theOwnerSharesAPasswordLinkAndTheListenerGetsInUntilItIsRevoked() throws Exception {
        try (TestServer server = TestServer.start(Database.Kind.SQLITE, dir)) {
            Fixtures.Project song = Fixtures.project(server.server().context().db().jdbi(), "Night Drive");
            String base = server.base();
            WebDriver owner = browser();

            // Setup: sign-in sends a server without a password to setup, which keeps ?next=.
            owner.get(base + "/login?next=" + "/projects/" + song.id());
            waitFor(owner, ExpectedConditions.urlContains("/setup?next="));
            type(owner, "#setup-token", server.server().setupToken().orElseThrow());
            type(owner, "#setup-password", TestServer.OWNER_PASSWORD);
            type(owner, "#setup-password-again", "something else");
            owner.findElement(By.id("setup-save")).click();
            assertThat(visible(owner, ".signin-form .error").getText()).contains("not the same");
            shot(owner, "setup");
            owner.findElement(By.id("setup-password-again")).clear();
            type(owner, "#setup-password-again", TestServer.OWNER_PASSWORD);
            owner.findElement(By.id("setup-save")).click();
            waitFor(owner, ExpectedConditions.urlToBe(base + "/projects/" + song.id()));

            // A share link for a band, with a password; its label is shown as text, never as HTML.
            type(owner, "#new-link-label", "The <b>Reds</b>");
            new Select(owner.findElement(By.id("new-link-audience"))).selectByValue("band");
            type(owner, "#new-link-password", "blue moon");
            new Select(owner.findElement(By.id("new-link-expiry"))).selectByValue("30");
            assertThat(owner.findElement(By.id("new-link-comment")).isSelected()).isTrue();
            assertThat(owner.findElement(By.id("new-link-download")).isSelected()).isFalse();
            owner.findElement(By.id("create-link")).click();
            WebElement message = visible(owner, "#share-message");
            String url = visible(owner, ".link-url").getText();
            assertThat(url).matches(java.util.regex.Pattern.quote(base) + "/s/[A-Za-z0-9_-]{22}");
            assertThat(message.getAttribute("value")).startsWith("Hi The <b>Reds</b>,").contains(url).contains("compare notes")
                    .contains("password in a separate message");
            assertThat(owner.findElements(By.cssSelector(".link-label b"))).isEmpty();
            assertThat(owner.findElement(By.cssSelector(".link-label")).getText()).isEqualTo("The <b>Reds</b>");
            shot(owner, "project-links");

            // The listener: password first, then a name, then the page opens.
            WebDriver listener = browser();
            ((ChromeDriver) listener).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "document.addEventListener('signoff:share', e => { window.shared = e.detail; });"
                            + "document.addEventListener('signoff:name', e => { window.renamed = e.detail.name; });"));
            listener.get(url);
            type(listener, "#unlock-password", "red moon");
            listener.findElement(By.id("unlock")).click();
            assertThat(visible(listener, "#gate .error").getText()).contains("password is not right");
            shot(listener, "listen-unlock");
            listener.findElement(By.id("unlock-password")).clear();
            type(listener, "#unlock-password", "blue moon");
            listener.findElement(By.id("unlock")).click();
            // Listen first: the page opens without asking for a name.
            waitFor(listener, d -> js(d, "return window.shared && window.shared.name") != null);
            assertThat(js(listener, "return window.shared.name")).isEqualTo("");
            assertThat(listener.findElements(By.id("name-input"))).isEmpty();
            assertThat(listener.findElements(By.id("listener-name"))).isEmpty();
            // The name arrives with the first comment (the composer hands it to the gate, which remembers it).
            js(listener, "document.dispatchEvent(new CustomEvent('signoff:set-name', {detail: {name: 'Ana'}})); return null;");
            assertThat(js(listener, "return window.renamed")).isEqualTo("Ana");
            assertThat(js(listener, "return window.shared.session.label")).isEqualTo("The <b>Reds</b>");
            assertThat(js(listener, "return window.shared.session.csrf.length")).isEqualTo(22L);
            assertThat(js(listener, "return window.shared.token")).isEqualTo(url.substring(url.lastIndexOf('/') + 1));
            assertThat(listener.findElement(By.id("player")).getAttribute("hidden")).isNull();
            assertThat(listener.findElement(By.id("listener-name")).getText()).isEqualTo("Ana");
            shot(listener, "listen-open");

            // The name is remembered on this device, and can be changed.
            listener.navigate().refresh();
            waitFor(listener, d -> js(d, "return window.shared && window.shared.name") != null);
            assertThat(js(listener, "return window.shared.name")).isEqualTo("Ana");
            listener.findElement(By.id("name-change")).click();
            WebElement name = visible(listener, "#name-input");
            name.clear();
            name.sendKeys("Ana B");
            listener.findElement(By.id("name-save")).click();
            waitFor(listener, d -> "Ana B".equals(js(d, "return window.renamed || null")));
            assertThat(visible(listener, "#listener-name").getText()).isEqualTo("Ana B");

            // Revoked: the open page closes at the next change event, and the link is dead on reload.
            owner.findElement(By.cssSelector(".revoke-link")).click();
            owner.switchTo().alert().accept();
            waitFor(owner, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".link-status"), "revoked"));
            js(listener, "document.dispatchEvent(new CustomEvent('signoff:change', {detail: {revision: 99}})); return null;");
            visible(listener, "#link-dead");
            assertThat(listener.findElement(By.id("player")).getAttribute("hidden")).isNotNull();
            listener.navigate().refresh();
            assertThat(visible(listener, "#link-dead").getText()).contains("doesn\u2019t work any more");
            shot(listener, "listen-dead");

            // A new password from the header's Account menu; the old one stops working.
            owner.findElement(By.cssSelector("details.account > summary")).click();
            type(owner, "#current-password", TestServer.OWNER_PASSWORD);
            type(owner, "#new-password", "a brand new password");
            type(owner, "#new-password-again", "a brand new password");
            owner.findElement(By.id("change-password")).click();
            visible(owner, ".account-panel .ok");
            shot(owner, "account");
            assertThat(server.visitor().post("/api/login", Map.of("password", TestServer.OWNER_PASSWORD)).status()).isEqualTo(401);

            // Sign out from the header; sign-in refuses to send the browser to another site afterwards.
            owner.findElement(By.id("sign-out")).click();
            waitFor(owner, ExpectedConditions.urlContains("/login"));
            type(owner, "#signin-password", TestServer.OWNER_PASSWORD);
            owner.findElement(By.id("signin-submit")).click();
            assertThat(visible(owner, ".signin-form .error").getText()).isEqualTo("Wrong password.");
            for (String next : List.of("//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)")) {
                owner.get(base + "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
                type(owner, "#signin-password", "a brand new password");
                owner.findElement(By.id("signin-submit")).click();
                waitFor(owner, ExpectedConditions.urlToBe(base + "/"));
                visible(owner, "#sign-out").click();   // the header builds it once the page has asked for the session
                waitFor(owner, ExpectedConditions.urlContains("/login"));
            }
            shot(owner, "signed-out");
        }
    }

    private WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=390,844");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build();
        WebDriver driver = new ChromeDriver(service, options);
        drivers.add(driver);
        return driver;
    }

    private static WebElement visible(WebDriver d, String css) {
        return waitFor(d, ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private static void type(WebDriver d, String css, String text) { visible(d, css).sendKeys(text); }

    private static <T> T waitFor(WebDriver d, java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(d, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    private static Object js(WebDriver d, String script) { return ((JavascriptExecutor) d).executeScript(script); }

    private static void shot(WebDriver d, String name) throws Exception {
        Files.createDirectories(SHOTS);
        File png = ((org.openqa.selenium.TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), SHOTS.resolve("access-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
