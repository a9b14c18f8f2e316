package dev.haze.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haze.demo.DemoSettings;
import dev.haze.demo.server.DemoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * The whole sign-in, as a person does it, in headless Chromium against the running demo: ask for a link,
 * open the development outbox, click the link, confirm, see the dashboard, sign out. Saves screenshots of
 * the login, confirm and dashboard pages to {@code -Dhaze.screenshots} (the pom points it at docs/screenshots).
 */
@ExtendWith(SystemChromium.class)
class DemoSignInBrowserTest {
    private static final String EMAIL = "ada.lovelace@example.org";

    @TempDir
    Path data;
    private DemoServer demo;

    @BeforeEach
    void startDemo() throws Exception {
        demo = DemoServer.start("127.0.0.1", 0, Path.of(System.getProperty("haze.demo.webapp", "src/main/webapp")),
                Map.of(DemoSettings.DEVELOPMENT, "true", DemoSettings.DATA, data.toString()));
    }

    @AfterEach
    void stopDemo() throws Exception {
        demo.close();
    }

    @Test
    void signsInWithTheLinkFromTheOutboxAndSignsOut(WebDriver browser) throws IOException {
        String site = demo.uri().toString();
        browser.get(site + "/");
        assertThat(browser.getTitle()).startsWith("Sign in");
        screenshot(browser, "login.png");

        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser, b -> b.getPageSource().contains("data-haze-page=\"sent\""), "the 'check your email' page");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Check your email");

        browser.get(site + "/dev/outbox");
        assertThat(browser.findElement(By.cssSelector(".outbox li .to")).getText()).isEqualTo("To: " + EMAIL);
        browser.findElement(By.cssSelector(".outbox li a.link")).click();
        waitFor(browser, b -> b.getPageSource().contains("data-haze-page=\"confirm\""), "the confirm page");
        assertThat(browser.getCurrentUrl()).startsWith(site + "/auth/verify?token_id=");
        screenshot(browser, "confirm.png");

        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser, b -> b.getCurrentUrl().equals(site + "/dashboard"), "the dashboard");
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(EMAIL);
        assertThat(browser.findElement(By.tagName("dl")).getText())
                .contains("request.getUserPrincipal().getName()\n" + EMAIL)
                .contains("request.getRemoteUser()\n" + EMAIL);
        screenshot(browser, "dashboard.png");

        browser.findElement(By.cssSelector("form[action$='/auth/logout'] button")).click();
        waitFor(browser, b -> b.getCurrentUrl().equals(site + "/"), "the login page after signing out");
        browser.get(site + "/dashboard");
        waitFor(browser, b -> !b.getCurrentUrl().startsWith(site + "/dashboard"), "the redirect away from the dashboard");
        assertThat(browser.findElements(By.id("user"))).isEmpty();
        assertThat(browser.findElement(By.id("email")).isDisplayed()).isTrue();
    }

    @Test
    void theLinkWorksOnlyOnce(WebDriver browser) {
        String site = demo.uri().toString();
        browser.get(site + "/");
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser, b -> b.getPageSource().contains("data-haze-page=\"sent\""), "the 'check your email' page");
        browser.get(site + "/dev/outbox");
        String link = browser.findElement(By.cssSelector(".outbox li a.link")).getAttribute("href");
        browser.get(link);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser, b -> b.getCurrentUrl().equals(site + "/dashboard"), "the dashboard");

        browser.findElement(By.cssSelector("form[action$='/auth/logout'] button")).click();
        waitFor(browser, b -> b.getCurrentUrl().equals(site + "/"), "the login page after signing out");
        browser.get(link);

        assertThat(browser.getPageSource()).doesNotContain("data-haze-page=\"confirm\"");
        browser.get(site + "/dashboard");
        waitFor(browser, b -> !b.getCurrentUrl().startsWith(site + "/dashboard"), "the redirect away from the dashboard");
        assertThat(browser.findElements(By.id("user"))).isEmpty();
    }

    private static void waitFor(WebDriver browser, Function<WebDriver, Boolean> condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.apply(browser)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("did not reach " + what + "; at " + browser.getCurrentUrl());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        String folder = System.getProperty("haze.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path target = Path.of(folder, name);
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
