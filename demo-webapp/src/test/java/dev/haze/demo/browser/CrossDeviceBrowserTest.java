package dev.haze.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Cross-device sign-in in headless Chromium against the running demo, with two browsers that share
 * nothing (separate profiles): the "desktop" asks for a link and waits; the "phone" opens the link from the
 * development outbox and picks the number the desktop shows; the desktop's page signs in by itself.
 * Saves screenshots of the waiting and the approval page to {@code -Dhaze.screenshots}. The waiting
 * script's backoff and its last poll after expiry are checked in the same browser.
 */
class CrossDeviceBrowserTest extends RunningDemo {
    private static final String EMAIL = "grace.hopper@example.org";
    /** The expiry, in seconds, the waiting script is made to read in the backoff test. */
    private static final int SHORT_EXPIRY = 7;

    @Test
    void thePhonePicksTheDesktopsNumberAndTheDesktopSignsInByItself(WebDriver desktop, WebDriver phone)
            throws IOException {
        String site = site();
        String matchCode = requestLinkOn(desktop, site);
        screenshot(desktop, "cross-device-waiting.png");

        List<WebElement> choices = openLinkOn(phone, site);
        assertThat(phone.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in on the other device?");
        assertThat(phone.findElement(By.tagName("main")).getText()).contains("Chrome on Linux");
        assertThat(choices).extracting(WebElement::getText).hasSize(3).containsOnlyOnce(matchCode);
        screenshot(phone, "cross-device-approve.png");

        choices.stream().filter(b -> b.getText().equals(matchCode)).findFirst().orElseThrow().click();
        waitFor(phone, b -> b.getPageSource().contains("data-haze-page=\"approved\""), "the approved page");

        waitFor(desktop, b -> b.getCurrentUrl().equals(site + "/dashboard"), "the dashboard on the desktop");
        assertThat(desktop.findElement(By.id("user")).getText()).isEqualTo(EMAIL);
        phone.get(site + "/dashboard");
        assertThat(phone.findElements(By.id("user"))).as("the phone is not signed in").isEmpty();
    }

    @Test
    void aWrongNumberOnThePhoneShowsTheDesktopThatSignInWasCancelled(WebDriver desktop, WebDriver phone) {
        String site = site();
        String matchCode = requestLinkOn(desktop, site);

        openLinkOn(phone, site).stream().filter(b -> !b.getText().equals(matchCode)).findFirst().orElseThrow()
                .click();
        waitFor(phone, b -> b.getPageSource().contains("data-haze-page=\"denied\""), "the denied page on the phone");

        waitFor(desktop, b -> b.getPageSource().contains("data-haze-page=\"denied\""),
                "the denied page on the desktop");
        desktop.get(site + "/dashboard");
        assertThat(desktop.findElements(By.id("user"))).isEmpty();
    }

    /**
     * The waiting page's own script, with the request's expiry shortened to {@value #SHORT_EXPIRY} s as the
     * script reads it (the demo's links last 15 minutes): it polls after 2 s, waits 1.1 times longer after
     * each pending answer, starts its last poll after that expiry, and then opens the status page (here the
     * waiting page again: the server's request has not expired). Every fetch and page load is logged to the
     * tab's sessionStorage by a hook Chromium runs before any page script.
     */
    @Test
    void theWaitingScriptBacksOffAndStopsAfterItsExpiryWithOneLastPoll(WebDriver desktop) {
        String site = site();
        ((ChromiumDriver) desktop).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "(function(){function log(e){var l=JSON.parse(sessionStorage.getItem('haze-log')||'[]');"
                + "l.push(e);sessionStorage.setItem('haze-log',JSON.stringify(l));}"
                + "var get=Element.prototype.getAttribute;Element.prototype.getAttribute=function(n){"
                + "if(n!=='data-haze-expires-in'){return get.call(this,n);}"
                + "log('start '+Date.now());return '" + SHORT_EXPIRY + "';};"
                + "log('load '+Date.now()+' '+location.pathname);"
                + "var f=window.fetch;window.fetch=function(){log('poll '+Date.now());return f.apply(this,arguments);};"
                + "})();"));
        requestLinkOn(desktop, site);

        waitFor(desktop, b -> log(b).stream().filter(e -> e.startsWith("load ")).count() >= 3,
                "the waiting page, opened again by the script after its expiry");
        List<String> log = log(desktop);
        int waiting = indexOf(log, "/auth/magic-link", 0);
        int reopened = indexOf(log, "/auth/magic-link/status", waiting + 1);
        assertThat(log.get(waiting + 1)).as("the script reads its expiry: %s", log).startsWith("start ");
        // The script computes its end as Date.now() + expiry just before this read (within a millisecond
        // or so): a poll before `end` was not its last; its last starts at its end or after.
        long started = Long.parseLong(log.get(waiting + 1).split(" ")[1]);
        long end = started + SHORT_EXPIRY * 1000L;
        List<Long> polls = new ArrayList<>();
        for (String entry : log.subList(waiting + 2, reopened)) {
            assertThat(entry).as("%s", log).startsWith("poll ");
            polls.add(Long.parseLong(entry.split(" ")[1]));
        }
        assertThat(polls).as("the polls of the first waiting page: %s", log).hasSizeGreaterThanOrEqualTo(3);
        assertThat(polls.get(0) - started).as("first poll after 2 s").isGreaterThanOrEqualTo(2000 - 50);
        double delay = 2000;
        for (int i = 1; i < polls.size() - 1; i++) {
            delay = delay * 1.1;
            assertThat(polls.get(i) - polls.get(i - 1)).as("backing off: poll %d", i)
                    .isGreaterThanOrEqualTo((long) delay);
        }
        assertThat(polls.subList(0, polls.size() - 1)).as("all but the last before the expiry")
                .allMatch(p -> p < end);
        assertThat(polls.get(polls.size() - 1)).as("the last poll starts after the expiry")
                .isGreaterThanOrEqualTo(end - 50);
    }

    @SuppressWarnings("unchecked")
    private static List<String> log(WebDriver browser) {
        Object log = ((JavascriptExecutor) browser).executeScript(
                "return JSON.parse(sessionStorage.getItem('haze-log')||'[]');");
        return log == null ? List.of() : (List<String>) log;
    }

    /** @return the index of the first page load of {@code path} at or after {@code from} */
    private static int indexOf(List<String> log, String path, int from) {
        for (int i = from; i < log.size(); i++) {
            if (log.get(i).startsWith("load ") && log.get(i).endsWith(" " + path)) {
                return i;
            }
        }
        throw new AssertionError("no load of " + path + " in " + log);
    }

    /** The desktop asks for a link; returns the number its waiting page shows. */
    private static String requestLinkOn(WebDriver desktop, String site) {
        desktop.get(site + "/");
        desktop.findElement(By.id("email")).sendKeys(EMAIL);
        desktop.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(desktop, b -> b.getPageSource().contains("data-haze-page=\"waiting\""), "the waiting page");
        String matchCode = desktop.findElement(By.id("haze-match")).getText();
        assertThat(matchCode).matches("\\d\\d");
        return matchCode;
    }

    /** The phone (a narrow window) opens the link from the development outbox; returns the number buttons. */
    private static List<WebElement> openLinkOn(WebDriver phone, String site) {
        phone.manage().window().setSize(new Dimension(420, 860));
        phone.get(site + "/dev/outbox");
        phone.get(phone.findElement(By.cssSelector(".outbox li a.link")).getAttribute("href"));
        waitFor(phone, b -> b.getPageSource().contains("data-haze-page=\"approve\""), "the approval page");
        return phone.findElements(By.cssSelector(".haze-choices button"));
    }
}
