package dev.haze.demo.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Cross-device sign-in in headless Chromium against the running demo, with two browsers that share
 * nothing (separate profiles): the "desktop" asks for a link and waits; the "phone" opens the link from the
 * development outbox and picks the number the desktop shows; the desktop's page signs in by itself.
 * Saves screenshots of the waiting and the approval page to {@code -Dhaze.screenshots}.
 */
class CrossDeviceBrowserTest extends RunningDemo {
    private static final String EMAIL = "grace.hopper@example.org";

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
