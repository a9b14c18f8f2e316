package dev.haze.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The whole sign-in, as a person does it, in headless Chromium against the running demo: ask for a link,
 * open the development outbox, click the link, confirm, see the dashboard, sign out. Saves screenshots of
 * the login, confirm and dashboard pages to {@code -Dhaze.screenshots} (the pom points it at docs/screenshots).
 */
class DemoSignInBrowserTest extends RunningDemo {
    private static final String EMAIL = "ada.lovelace@example.org";

    @Test
    void signsInWithTheLinkFromTheOutboxAndSignsOut(WebDriver browser) throws IOException {
        String site = site();
        browser.get(site + "/");
        assertThat(browser.getTitle()).startsWith("Sign in");
        screenshot(browser, "login.png");

        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser, b -> b.getPageSource().contains("data-haze-page=\"waiting\""), "the 'check your email' page");
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
        String site = site();
        browser.get(site + "/");
        browser.findElement(By.id("email")).sendKeys(EMAIL);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser, b -> b.getPageSource().contains("data-haze-page=\"waiting\""), "the 'check your email' page");
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
}
