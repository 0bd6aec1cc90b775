package io.ringstream.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The supervisor's wallboard as a test drives it in Chromium: the login page that /wallboard
 * answers without a session, and the tiles' figures by their data attributes ({@code [data-queue=Q]
 * [data-figure=F]}, with {@code data-value} and {@code data-level}).
 */
final class WallboardPage {
    static final Duration TIMEOUT = RoutingStack.TIMEOUT;

    private WallboardPage() {}

    /**
     * Opens /wallboard without a session (the login page), logs in and waits until the stream is
     * live.
     */
    static void logIn(WebDriver browser, String base, String tenant, String user, String pw) {
        browser.get(base + "/wallboard");
        submit(browser, tenant, user, pw);
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .until(
                        () ->
                                "live"
                                        .equals(
                                                testId(browser, "wallboard-stream")
                                                        .getAttribute("data-state")));
    }

    /** Waits until the page has received at least one event of {@code kind} (e.g. kpis). */
    static void awaitEvent(WebDriver browser, String kind) {
        await().atMost(TIMEOUT)
                .ignoreExceptions()
                .until(
                        () ->
                                List.of(
                                                testId(browser, "wallboard-stream")
                                                        .getAttribute("data-received")
                                                        .split(" "))
                                        .contains(kind));
    }

    /** Fills the login form shown now and submits it. */
    static void submit(WebDriver browser, String tenant, String user, String pw) {
        for (String[] field :
                new String[][] {
                    {"wallboard-login-tenant", tenant},
                    {"wallboard-login-username", user},
                    {"wallboard-login-password", pw}
                }) {
            WebElement input = testId(browser, field[0]);
            input.clear();
            input.sendKeys(field[1]);
        }
        testId(browser, "wallboard-login-submit").click();
    }

    static WebElement testId(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }

    /** The queues that have a tile, in page order. */
    static List<String> queues(WebDriver browser) {
        return browser.findElements(By.cssSelector("#tiles [data-queue]")).stream()
                .map(e -> e.getAttribute("data-queue"))
                .toList();
    }

    static WebElement tile(WebDriver browser, String queue) {
        return browser.findElement(By.cssSelector("#tiles [data-queue='" + queue + "']"));
    }

    static WebElement figure(WebDriver browser, String queue, String figure) {
        return tile(browser, queue).findElement(By.cssSelector("[data-figure='" + figure + "']"));
    }

    /** A figure's raw value (data-value), or null when the page shows it as unknown. */
    static String value(WebDriver browser, String queue, String figure) {
        return figure(browser, queue, figure).getAttribute("data-value");
    }

    static String level(WebDriver browser, String queue, String figure) {
        return figure(browser, queue, figure).getAttribute("data-level");
    }

    /** The event ids of the feed's alerts of {@code kind}. */
    static List<String> alerts(WebDriver browser, String kind) {
        return browser.findElements(By.cssSelector("#feed [data-kind='" + kind + "']")).stream()
                .map(e -> e.getAttribute("data-event-id"))
                .toList();
    }

    /** The agents listed in the agents' table. */
    static List<String> agents(WebDriver browser) {
        return browser.findElements(By.cssSelector("#agents tbody tr")).stream()
                .map(e -> e.getAttribute("data-agent"))
                .toList();
    }

    /** The agent's row's cell {@code column} (data-col), as shown. */
    static String agentCell(WebDriver browser, String agentId, String column) {
        return browser.findElement(
                        By.cssSelector(
                                "#agents tr[data-agent='"
                                        + agentId
                                        + "'] [data-col='"
                                        + column
                                        + "']"))
                .getText();
    }
}
