package io.ringstream.routing.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.ringstream.testkit.browser.Chromium;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The widget in real headless Chromium, on the demo shop, against {@link FakeGateway}: it starts a
 * chat, survives a reload (transcript kept, `resume` from the last number) and a network drop
 * (reconnects, resumes, resends the lost message with its same clientId), and ends with the
 * gateway's messages in order, none twice. The same against the real gateway, with an agent on the
 * desktop, is the cross-module test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WidgetResumeITCase implements TestPropertyProvider {
    @RegisterExtension static final Chromium CHROMIUM = new Chromium();

    private FakeGateway gateway;

    @Inject EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            gateway = new FakeGateway();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of("ringstream.chat.gateway-url", gateway.url());
    }

    @AfterAll
    void stopGateway() {
        gateway.close();
    }

    @Test
    void theChatSurvivesAReloadAndANetworkDropWithEveryMessageOnceInOrder() {
        WebDriver browser = CHROMIUM.open();
        browser.get(server.getURL() + "/chat/demo");
        testId(browser, "rs-chat-button").click();
        testId(browser, "rs-chat-name").sendKeys("Ana");
        testId(browser, "rs-chat-email").sendKeys("ana@example.com");
        testId(browser, "rs-chat-start").click();

        await().until(() -> !gateway.received("start").isEmpty());
        JsonNode start = gateway.received("start").get(0);
        assertThat(start.path("widget").asText()).isEqualTo("demo");
        assertThat(start.path("topic").asText()).isEqualTo("sales");
        assertThat(start.path("name").asText()).isEqualTo("Ana");
        assertThat(start.path("email").asText()).isEqualTo("ana@example.com");

        say(browser, "hello");
        await().until(() -> "sent".equals(statusOf(browser, 1)));
        gateway.agentSays("Hi Ana, how can I help?");
        await().until(() -> messages(browser).size() == 2);

        // a reload keeps the transcript and resumes from the last number seen
        browser.navigate().refresh();
        await().until(() -> gateway.received("resume").size() == 1);
        assertThat(gateway.received("resume").get(0).path("lastSeq").asInt()).isEqualTo(2);
        assertThat(gateway.received("resume").get(0).path("token").asText())
                .isEqualTo(FakeGateway.TOKEN);
        assertThat(messages(browser))
                .containsExactly("VISITOR 1 hello", "AGENT 2 Hi Ana, how can I help?");

        // a message lost on the way, then the network drops while the agent writes
        assertThat(testId(browser, "rs-chat-panel").isDisplayed()).as("still open").isTrue();
        gateway.swallowSends(true);
        say(browser, "are you there?");
        await().until(() -> gateway.received("send").size() == 2);
        String lostClientId = gateway.received("send").get(1).path("clientId").asText();
        gateway.swallowSends(false);
        gateway.dropConnections();
        gateway.agentSays("Still here.");

        // the widget reconnects, resumes and resends the lost message with its same clientId
        await().until(() -> gateway.received("resume").size() >= 2);
        await().until(() -> messages(browser).size() == 4);
        assertThat(gateway.received("send"))
                .filteredOn(f -> f.path("clientId").asText().equals(lostClientId))
                .hasSizeGreaterThanOrEqualTo(2);
        assertThat(messages(browser))
                .containsExactly(
                        "VISITOR 1 hello",
                        "AGENT 2 Hi Ana, how can I help?",
                        "AGENT 3 Still here.",
                        "VISITOR 4 are you there?");
    }

    private static void say(WebDriver browser, String text) {
        testId(browser, "rs-chat-input").sendKeys(text);
        testId(browser, "rs-chat-send").click();
    }

    /** The visitor's and agent's messages as "FROM seq text", in the order shown. */
    private static List<String> messages(WebDriver browser) {
        return browser.findElements(By.cssSelector("[data-testid='rs-chat-message']")).stream()
                .filter(m -> !"SYSTEM".equals(m.getAttribute("data-from")))
                .map(
                        m ->
                                m.getAttribute("data-from")
                                        + " "
                                        + m.getAttribute("data-seq")
                                        + " "
                                        + m.getAttribute("textContent"))
                .toList();
    }

    private static String statusOf(WebDriver browser, int seq) {
        return browser.findElements(By.cssSelector("[data-seq='" + seq + "']")).stream()
                .findFirst()
                .map(m -> m.getAttribute("data-status"))
                .orElse(null);
    }

    private static WebElement testId(WebDriver browser, String id) {
        return browser.findElement(By.cssSelector("[data-testid='" + id + "']"));
    }
}
