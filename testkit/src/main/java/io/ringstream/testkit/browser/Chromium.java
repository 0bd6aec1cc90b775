package io.ringstream.testkit.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Real headless Chromium for tests of the pages, through the machine's chromedriver (Debian's
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them). A JUnit 5
 * extension: register it static ({@code @RegisterExtension static final Chromium CHROMIUM = new
 * Chromium();}), open browsers with {@link #open()}; they all quit after the class, and when a test
 * fails each one leaves a screenshot, its page source and its console log in {@code
 * target/browser-failures/}. A missing browser fails the test with what to install: nothing is
 * skipped.
 *
 * <p>{@code RINGSTREAM_CHROMIUM} and {@code RINGSTREAM_CHROMEDRIVER} override the binaries' paths.
 * testkit's Selenium dependency is optional: a module using this class adds {@code
 * org.seleniumhq.selenium:selenium-java} (test scope) to its own pom.
 */
public final class Chromium implements TestWatcher, BeforeEachCallback, AfterAllCallback {
    /** The flags that work headless in a container without a display or a user namespace. */
    public static final List<String> FLAGS =
            List.of(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--no-first-run",
                    "--disable-dev-shm-usage",
                    "--window-size=1280,900");

    private static final Path FAILURES = Path.of("target", "browser-failures");

    /** The browsers opened for the current test class, quit after it. */
    private final List<WebDriver> open = new ArrayList<>();

    /** How many of {@link #open} earlier tests of the class opened: a failure records the rest. */
    private int openedBefore;

    @Override
    public synchronized void beforeEach(ExtensionContext context) {
        openedBefore = open.size();
    }

    /** A new browser (its own profile, so its own sessionStorage and cookies). */
    public synchronized WebDriver open() {
        WebDriver driver = launch();
        open.add(driver);
        return driver;
    }

    /** A browser that the caller quits; for use outside JUnit. */
    public static WebDriver launch() {
        Path browser = binary("RINGSTREAM_CHROMIUM", "/usr/bin/chromium");
        Path driver = binary("RINGSTREAM_CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.toFile());
        options.addArguments(FLAGS);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(driver.toFile())
                        .usingAnyFreePort()
                        .withEnvironment(Map.of())
                        .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private static Path binary(String variable, String fallback) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured == null || configured.isBlank() ? fallback : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(
                    "browser tests need headless Chromium: "
                            + path
                            + " is missing. Install Debian's chromium and chromium-driver (apt-get"
                            + " install chromium chromium-driver; .ci/run does it), or set "
                            + variable
                            + " to the binary's path.");
        }
        return path;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        List<WebDriver> browsers;
        synchronized (this) {
            browsers = List.copyOf(open.subList(openedBefore, open.size()));
        }
        String name =
                context.getRequiredTestClass().getSimpleName()
                        + "-"
                        + context.getRequiredTestMethod().getName();
        for (int i = 0; i < browsers.size(); i++) {
            record(browsers.get(i), name + "-" + i);
        }
    }

    /** Saves a screenshot, the page source and the console log of a browser under target/. */
    public static void record(WebDriver driver, String name) {
        try {
            Files.createDirectories(FAILURES);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(FAILURES.resolve(name + ".png"), png);
            Files.writeString(
                    FAILURES.resolve(name + ".html"),
                    driver.getCurrentUrl() + "\n" + driver.getPageSource());
            StringBuilder console = new StringBuilder();
            for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
                console.append(entry).append('\n');
            }
            Files.writeString(FAILURES.resolve(name + ".console.txt"), console);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the browser's failure record", e);
        } catch (RuntimeException e) {
            // A browser that crashed cannot be recorded; the test's own failure says why.
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        for (WebDriver driver : open) {
            try {
                driver.quit();
            } catch (RuntimeException e) {
                // Already gone; nothing to release.
            }
        }
        open.clear();
    }
}
