package dev.haze.demo.browser;

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
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Base of the browser tests: the demo in development mode on a free port with a fresh data folder per
 * test, headless Chromium from {@link SystemChromium}, and the helpers to wait and take screenshots.
 */
@ExtendWith(SystemChromium.class)
abstract class RunningDemo {
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

    /** @return the demo's origin, e.g. {@code http://127.0.0.1:41234} */
    String site() {
        return demo.uri().toString();
    }

    static void waitFor(WebDriver browser, Function<WebDriver, Boolean> condition, String what) {
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

    /** Saves a screenshot to {@code -Dhaze.screenshots}, when set. */
    static void screenshot(WebDriver browser, String name) throws IOException {
        String folder = System.getProperty("haze.screenshots");
        if (folder == null || folder.isBlank()) {
            return;
        }
        Path target = Path.of(folder, name);
        Files.createDirectories(target.getParent());
        Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
