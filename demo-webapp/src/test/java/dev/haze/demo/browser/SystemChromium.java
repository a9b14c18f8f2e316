package dev.haze.demo.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * JUnit 5 extension that hands a test a {@link WebDriver} on the system's headless Chromium (Debian's
 * {@code chromium} and {@code chromium-driver} packages), with a fresh profile per test, quit afterwards.
 *
 * <p>Nothing is downloaded: the driver and browser paths are given explicitly, so Selenium Manager is never
 * asked to find or fetch either. Without the two programs the test is skipped with a message, unless the
 * environment variable {@code HAZE_REQUIRE_BROWSER=1} (set by {@code .ci/run}) demands a browser: then it fails.
 */
public final class SystemChromium implements ExecutionCondition, ParameterResolver, AfterEachCallback {
    /** Debian's Chromium launcher. */
    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    /** Debian's chromedriver, matching the browser's version. */
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /** Makes a missing browser a failure instead of a skip. */
    public static final String REQUIRE = "HAZE_REQUIRE_BROWSER";

    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--window-size=1100,900", "--lang=en-US");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SystemChromium.class);

    private static String missing() {
        if (!Files.isExecutable(BROWSER)) {
            return BROWSER + " not found";
        }
        if (!Files.isExecutable(DRIVER)) {
            return DRIVER + " not found";
        }
        return null;
    }

    private static boolean required() {
        return "1".equals(System.getenv(REQUIRE));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String missing = missing();
        if (missing == null) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver found");
        }
        if (required()) {
            return ConditionEvaluationResult.enabled(REQUIRE + "=1: the test will fail, " + missing);
        }
        return ConditionEvaluationResult.disabled("Skipped: " + missing + ". Install Debian's chromium and"
                + " chromium-driver (apt-get install -y chromium chromium-driver) to run the browser tests; set "
                + REQUIRE + "=1 to make a missing browser a failure.");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String missing = missing();
        if (missing != null) {
            throw new ParameterResolutionException(REQUIRE + "=1 demands a browser, but " + missing
                    + ": apt-get install -y chromium chromium-driver");
        }
        try {
            Path profile = Files.createTempDirectory("haze-chromium-");
            context.getStore(NAMESPACE).put("profile", profile);
            // Belt and braces: with the driver named here, Selenium never looks for (or downloads) one.
            System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(DRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments(FLAGS);
            options.addArguments("--user-data-dir=" + profile);
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            context.getStore(NAMESPACE).put("driver", driver);
            return driver;
        } catch (IOException e) {
            throw new ParameterResolutionException("cannot create a Chromium profile folder", e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        WebDriver driver = context.getStore(NAMESPACE).remove("driver", WebDriver.class);
        if (driver != null) {
            driver.quit();
        }
        Path profile = context.getStore(NAMESPACE).remove("profile", Path.class);
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
