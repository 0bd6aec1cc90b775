package io.ringstream.e2e;

import static io.ringstream.e2e.DesktopPage.testId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.browser.Chromium;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Issue 12's web chat, end to end in real headless Chromium: a visitor on the demo shop writes
 * through the widget, the real channel gateway routes the chat through routing-service and the
 * routing job (Kafka, Flink MiniCluster) to an agent logged in on the desktop, who sees the offer
 * with the customer card (the visitor's e-mail found in PostgreSQL), accepts and replies; a network
 * drop on the visitor's side while both write ends with both sides showing the same messages, in
 * order, once; and the conversation reaches ClickHouse with its sentiment (the sentiment job, light
 * lexicon model) and its first-reply SLA verdict (the SLA/KPI job).
 */
class ChatBrowserAcceptanceITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(3);
    @RegisterExtension static final Chromium CHROMIUM = new Chromium();

    private static final String AGENT = "1001";
    private static final String PASSWORD = "e2e-desktop-password-1";
    private static ChatStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        stack = ChatStack.start(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl(), true, Map.of());
        stack.agentUser(AGENT, PASSWORD);
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aVisitorsChatReachesTheAgentSurvivesADropAndLandsInClickHouse() {
        String email = "ana." + stack.tenant + "@example.com";
        String customerId = customer("Ana García", email);
        String base = stack.service.getURL().toString();

        WebDriver desktop = CHROMIUM.open();
        DesktopPage.logIn(desktop, base, stack.tenant, AGENT, PASSWORD);
        DesktopPage.ready(desktop);

        // The visitor opens the demo shop's widget, gives her e-mail and writes.
        WebDriver widget = CHROMIUM.open();
        widget.get(base + "/chat/demo");
        testId(widget, "rs-chat-button").click();
        await().atMost(ChatStack.TIMEOUT).until(() -> testId(widget, "rs-chat-name").isDisplayed());
        testId(widget, "rs-chat-name").sendKeys("Ana");
        testId(widget, "rs-chat-email").sendKeys(email);
        testId(widget, "rs-chat-start").click();
        say(widget, "Hello, my parcel never arrived and I am really unhappy about it.");
        await().atMost(ChatStack.TIMEOUT).until(() -> "sent".equals(statusOf(widget, "1")));

        // The agent gets the offer with her card, accepts it and replies.
        WebElement offer = DesktopPage.awaitOffer(desktop);
        String contactId = offer.getAttribute("data-contact-id");
        await().atMost(ChatStack.TIMEOUT)
                .until(() -> !offer.findElements(cardField("desktop-card-name")).isEmpty());
        assertThat(offer.findElement(cardField("desktop-card-name")).getText())
                .isEqualTo("Ana García");
        assertThat(offer.findElement(cardField("desktop-card-customer-id")).getText())
                .contains(customerId);
        offer.findElement(By.cssSelector("[data-testid='desktop-accept']")).click();
        DesktopPage.awaitConversation(desktop, contactId);
        await().atMost(ChatStack.TIMEOUT)
                .until(() -> DesktopPage.desktopMessages(desktop, contactId).size() == 1);
        DesktopPage.reply(desktop, contactId, "Hi Ana, I am sorry to hear that. Let me check.");

        // The visitor sees the reply.
        await().atMost(ChatStack.TIMEOUT)
                .until(() -> DesktopPage.widgetMessages(widget).size() == 2);
        assertThat(DesktopPage.widgetMessages(widget))
                .containsExactly(
                        "VISITOR 1 Hello, my parcel never arrived and I am really unhappy about"
                                + " it.",
                        "AGENT 2 Hi Ana, I am sorry to hear that. Let me check.");
        DesktopPage.screenshot(widget, "chat-widget");
        DesktopPage.screenshot(desktop, "chat-desktop");

        // Her network drops while both write; it comes back.
        ((JavascriptExecutor) widget).executeScript("window.RingstreamChat.dropConnection()");
        say(widget, "Are you still there?");
        DesktopPage.reply(desktop, contactId, "Yes, your parcel is in the depot.");
        say(widget, "Great, thank you so much!");
        DesktopPage.reply(desktop, contactId, "It will arrive tomorrow. Have a good day!");

        // Both sides end with the same six messages, numbered 1..6, in order, none twice.
        await().atMost(ChatStack.TIMEOUT)
                .until(
                        () ->
                                DesktopPage.widgetMessages(widget).size() == 6
                                        && DesktopPage.widgetMessages(widget)
                                                .equals(
                                                        DesktopPage.desktopMessages(
                                                                desktop, contactId)));
        List<String> seen = DesktopPage.widgetMessages(widget);
        assertThat(seen)
                .extracting(line -> line.split(" ", 3)[1])
                .containsExactly("1", "2", "3", "4", "5", "6");
        assertThat(seen)
                .extracting(line -> line.split(" ", 3)[2])
                .doesNotHaveDuplicates()
                .contains(
                        "Are you still there?",
                        "Yes, your parcel is in the depot.",
                        "Great, thank you so much!",
                        "It will arrive tomorrow. Have a good day!");
        assertThat(textsFrom(seen, "VISITOR"))
                .as("the visitor's own messages, in the order she wrote them")
                .containsExactly(
                        "Hello, my parcel never arrived and I am really unhappy about it.",
                        "Are you still there?",
                        "Great, thank you so much!");
        assertThat(textsFrom(seen, "AGENT"))
                .containsExactly(
                        "Hi Ana, I am sorry to hear that. Let me check.",
                        "Yes, your parcel is in the depot.",
                        "It will arrive tomorrow. Have a good day!");

        // The conversation is in ClickHouse: every turn scored, the rolling sentiment, and the
        // first reply's SLA verdict.
        await().atMost(ChatStack.TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.queryLong(
                                                        "SELECT count() FROM "
                                                                + Table.UTTERANCE_SENTIMENT
                                                                        .qualifiedName()
                                                                + " FINAL"
                                                                + ChatStack.where(
                                                                        stack.tenant, contactId)
                                                                + " AND scored = 1"))
                                        .isEqualTo(6));
        List<List<String>> negative =
                CLICKHOUSE.query(
                        "SELECT label FROM "
                                + Table.UTTERANCE_SENTIMENT.qualifiedName()
                                + " FINAL"
                                + ChatStack.where(stack.tenant, contactId)
                                + " AND speaker = 'CUSTOMER' ORDER BY event_time_ms");
        assertThat(negative).hasSize(3);
        await().atMost(ChatStack.TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.queryLong(
                                                        "SELECT count() FROM "
                                                                + Table.CONVERSATION_SENTIMENT
                                                                        .qualifiedName()
                                                                + " FINAL"
                                                                + ChatStack.where(
                                                                        stack.tenant, contactId)
                                                                + " AND conversation_rolling IS"
                                                                + " NOT NULL"))
                                        .isEqualTo(6));
        await().atMost(ChatStack.TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT type, channel, agent_id FROM "
                                                                + Table.SLA_EVENTS.qualifiedName()
                                                                + " FINAL"
                                                                + ChatStack.where(
                                                                        stack.tenant, contactId)
                                                                + " AND kind = 'FIRST_RESPONSE'"
                                                                + " AND type IN ('MET',"
                                                                + " 'BREACH')"))
                                        .singleElement()
                                        .satisfies(
                                                row -> assertThat(row.get(1)).isEqualTo("CHAT")));
    }

    private static List<String> textsFrom(List<String> lines, String from) {
        List<String> texts = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split(" ", 3);
            if (parts[0].equals(from)) {
                texts.add(parts[2]);
            }
        }
        return texts;
    }

    /** A customer known by her verified e-mail, created as an agent's CRM would. */
    private static String customer(String name, String email) {
        JsonNode created =
                stack.api.asSupervisor(
                        "POST",
                        "/v1/customers",
                        Map.of(
                                "displayName",
                                name,
                                "tier",
                                "gold",
                                "identities",
                                List.of(
                                        Map.of(
                                                "kind",
                                                "EMAIL",
                                                "value",
                                                email,
                                                "verified",
                                                true,
                                                "primary",
                                                true))),
                        201);
        return created.get("id").asText();
    }

    private static By cardField(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    private static void say(WebDriver widget, String text) {
        WebElement input = testId(widget, "rs-chat-input");
        await().atMost(ChatStack.TIMEOUT).until(input::isDisplayed);
        input.sendKeys(text);
        testId(widget, "rs-chat-send").click();
    }

    private static String statusOf(WebDriver widget, String seq) {
        return widget
                .findElements(
                        By.cssSelector("[data-testid='rs-chat-message'][data-seq='" + seq + "']"))
                .stream()
                .findFirst()
                .map(m -> m.getAttribute("data-status"))
                .orElse(null);
    }
}
