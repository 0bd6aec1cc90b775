package io.ringstream.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The agent desktop and the widget as a person uses them, by their stable test ids
 * (docs/channels.md, "Stable ids for tests"), for the acceptance tests in real Chromium.
 */
final class DesktopPage {
    static final Duration TIMEOUT = ChatStack.TIMEOUT;

    /** Where the screenshots of a test's pages go (a test artifact). */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private DesktopPage() {}

    /** Logs {@code agentId} in to the desktop at {@code base} and waits for its workspace. */
    static void logIn(WebDriver browser, String base, String tenant, String agentId, String pw) {
        browser.get(base + "/desktop");
        WebElement tenantField = testId(browser, "desktop-tenant");
        tenantField.clear();
        tenantField.sendKeys(tenant);
        testId(browser, "desktop-username").sendKeys(agentId);
        testId(browser, "desktop-password").sendKeys(pw);
        testId(browser, "desktop-login-submit").click();
        await().atMost(TIMEOUT).until(() -> testId(browser, "desktop-workspace").isDisplayed());
    }

    /** Goes READY with its assignment stream and gateway socket open. */
    static void ready(WebDriver browser) {
        await().atMost(TIMEOUT).until(() -> "open".equals(state(browser, "desktop-stream")));
        await().atMost(TIMEOUT).until(() -> "open".equals(state(browser, "desktop-gateway")));
        testId(browser, "desktop-ready").click();
        await().atMost(TIMEOUT).until(() -> "READY".equals(state(browser, "desktop-state")));
    }

    /** The first offer shown, waiting for it. */
    static WebElement awaitOffer(WebDriver browser) {
        By offer = By.cssSelector("[data-testid='desktop-offer']");
        await().atMost(TIMEOUT).until(() -> !browser.findElements(offer).isEmpty());
        return browser.findElement(offer);
    }

    static By conversation(String contactId) {
        return By.cssSelector(
                "[data-testid='desktop-conversation'][data-conversation-id='" + contactId + "']");
    }

    /** Waits for the conversation of {@code contactId} and returns it. */
    static WebElement awaitConversation(WebDriver browser, String contactId) {
        await().atMost(TIMEOUT)
                .until(() -> !browser.findElements(conversation(contactId)).isEmpty());
        return browser.findElement(conversation(contactId));
    }

    /** Types {@code text} in the conversation's reply box and sends it. */
    static void reply(WebDriver browser, String contactId, String text) {
        WebElement c = awaitConversation(browser, contactId);
        WebElement box = c.findElement(By.cssSelector("[data-testid='desktop-reply']"));
        await().atMost(TIMEOUT).until(box::isDisplayed);
        box.sendKeys(text);
        c.findElement(By.cssSelector("[data-testid='desktop-send']")).click();
    }

    /** The conversation's messages on the desktop as "FROM seq text", in the order shown. */
    static List<String> desktopMessages(WebDriver browser, String contactId) {
        return browser
                .findElement(conversation(contactId))
                .findElements(By.cssSelector("[data-testid='desktop-message']"))
                .stream()
                .filter(m -> !"SYSTEM".equals(m.getAttribute("data-from")))
                .map(DesktopPage::line)
                .toList();
    }

    /** The widget's messages as "FROM seq text", in the order shown. */
    static List<String> widgetMessages(WebDriver browser) {
        return browser.findElements(By.cssSelector("[data-testid='rs-chat-message']")).stream()
                .filter(m -> !"SYSTEM".equals(m.getAttribute("data-from")))
                .map(DesktopPage::line)
                .toList();
    }

    private static String line(WebElement m) {
        return m.getAttribute("data-from")
                + " "
                + m.getAttribute("data-seq")
                + " "
                + m.findElement(By.tagName("span")).getAttribute("textContent");
    }

    /** Saves the page as {@code target/screenshots/<name>.png} and returns the file. */
    static Path screenshot(WebDriver browser, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String state(WebDriver browser, String id) {
        return testId(browser, id).getAttribute("data-state");
    }

    static WebElement testId(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }
}
