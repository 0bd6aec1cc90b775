package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.clickhouse.Table;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.browser.Chromium;
import io.ringstream.testkit.meta.FakeMetaProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Issue 12's WhatsApp, end to end: the fake Meta provider posts a signed webhook (the documented
 * shape of channels/src/test/resources/whatsapp/) to the real gateway, which routes the customer's
 * message through routing-service and the routing job to the agent on the desktop (real Chromium),
 * whose offer carries the card found by the WhatsApp number; the agent's reply goes out as exactly
 * one send-API call with the documented body; a {@code statuses} webhook for it becomes a receipt
 * on the desktop; a replayed delivery adds nothing; the conversation's sentiment reaches
 * ClickHouse.
 */
class WhatsAppAcceptanceITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(3);
    @RegisterExtension static final Chromium CHROMIUM = new Chromium();

    private static final String AGENT = "2002";
    private static final String PASSWORD = "e2e-desktop-password-2";
    private static final String CUSTOMER_NUMBER = "4915112345678";

    private static FakeMetaProvider meta;
    private static ChatStack stack;
    private static URI webhook;

    @BeforeAll
    static void startStack() throws Exception {
        meta = FakeMetaProvider.start();
        stack =
                ChatStack.start(
                        KAFKA.bootstrapServers(),
                        CLICKHOUSE.jdbcUrl(),
                        true,
                        Map.of(
                                "RINGSTREAM_WHATSAPP_APP_SECRET",
                                ChatStack.WHATSAPP_APP_SECRET,
                                "RINGSTREAM_WHATSAPP_VERIFY_TOKEN",
                                "e2e-verify-token",
                                "RINGSTREAM_WHATSAPP_ACCESS_TOKEN",
                                "e2e-access-token",
                                "RINGSTREAM_WHATSAPP_API_URL",
                                meta.apiUrl().toString()));
        stack.agentUser(AGENT, PASSWORD);
        webhook = URI.create("http://127.0.0.1:" + stack.gateway.port() + "/webhooks/whatsapp");
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (meta != null) {
            meta.close();
        }
    }

    @Test
    void aWhatsAppCustomerIsAnsweredFromTheDesktopWithReceiptsAndNoDuplicates() {
        String customerId = customer("Jana Novak", "+" + CUSTOMER_NUMBER);
        WebDriver desktop = CHROMIUM.open();
        DesktopPage.logIn(
                desktop, stack.service.getURL().toString(), stack.tenant, AGENT, PASSWORD);
        DesktopPage.ready(desktop);

        // Meta delivers the customer's message, signed.
        String first = message("Hello, my parcel never arrived. Order 4711.");
        assertThat(meta.deliverSigned(webhook, ChatStack.WHATSAPP_APP_SECRET, first).status())
                .isEqualTo(200);

        // The agent gets the offer with the card found by the number, and the conversation.
        WebElement offer = DesktopPage.awaitOffer(desktop);
        String contactId = offer.getAttribute("data-contact-id");
        await().atMost(ChatStack.TIMEOUT)
                .until(
                        () ->
                                !offer.findElements(
                                                By.cssSelector("[data-testid='desktop-card-name']"))
                                        .isEmpty());
        assertThat(offer.findElement(By.cssSelector("[data-testid='desktop-card-name']")).getText())
                .isEqualTo("Jana Novak");
        assertThat(
                        offer.findElement(
                                        By.cssSelector("[data-testid='desktop-card-customer-id']"))
                                .getText())
                .contains(customerId);
        offer.findElement(By.cssSelector("[data-testid='desktop-accept']")).click();
        WebElement conversation = DesktopPage.awaitConversation(desktop, contactId);
        assertThat(conversation.getAttribute("data-channel")).isEqualTo("MESSAGING");
        await().atMost(ChatStack.TIMEOUT)
                .until(() -> DesktopPage.desktopMessages(desktop, contactId).size() == 1);

        // The reply goes out as exactly one send-API call with the documented body.
        DesktopPage.reply(desktop, contactId, "Hi Jana, I am sorry. Let me check order 4711.");
        await().atMost(ChatStack.TIMEOUT).until(() -> !meta.calls().isEmpty());
        FakeMetaProvider.Call call = meta.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path())
                .isEqualTo(
                        "/"
                                + FakeMetaProvider.VERSION
                                + "/"
                                + ChatStack.WHATSAPP_NUMBER_ID
                                + "/messages");
        assertThat(call.header("Authorization")).isEqualTo("Bearer e2e-access-token");
        JsonNode body = call.json();
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("to").asText()).isEqualTo(CUSTOMER_NUMBER);
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText())
                .isEqualTo("Hi Jana, I am sorry. Let me check order 4711.");

        // Its delivery status becomes a receipt on the desktop.
        String sentId = "wamid.fake.1";
        assertThat(
                        meta.deliverSigned(
                                        webhook,
                                        ChatStack.WHATSAPP_APP_SECRET,
                                        status(sentId, "delivered"))
                                .status())
                .isEqualTo(200);
        By reply =
                By.cssSelector("[data-testid='desktop-message'][data-from='AGENT'][data-seq='2']");
        await().atMost(ChatStack.TIMEOUT)
                .until(
                        () ->
                                "delivered"
                                        .equals(
                                                desktop.findElement(
                                                                DesktopPage.conversation(contactId))
                                                        .findElement(reply)
                                                        .getAttribute("data-receipt")));

        // A replayed delivery adds nothing: the next new message comes right after the reply.
        assertThat(meta.deliverSigned(webhook, ChatStack.WHATSAPP_APP_SECRET, first).status())
                .isEqualTo(200);
        String second = message("Thank you, that is great service!");
        meta.deliverSigned(webhook, ChatStack.WHATSAPP_APP_SECRET, second);
        await().atMost(ChatStack.TIMEOUT)
                .until(() -> DesktopPage.desktopMessages(desktop, contactId).size() >= 3);
        assertThat(DesktopPage.desktopMessages(desktop, contactId))
                .containsExactly(
                        "VISITOR 1 Hello, my parcel never arrived. Order 4711.",
                        "AGENT 2 Hi Jana, I am sorry. Let me check order 4711.",
                        "VISITOR 3 Thank you, that is great service!");
        assertThat(meta.calls()).as("one send-API call for one reply").hasSize(1);

        // The conversation's sentiment reaches ClickHouse: its three turns, scored.
        await().atMost(ChatStack.TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT speaker, channel FROM "
                                                                + Table.UTTERANCE_SENTIMENT
                                                                        .qualifiedName()
                                                                + " FINAL"
                                                                + ChatStack.where(
                                                                        stack.tenant, contactId)
                                                                + " AND scored = 1 ORDER BY"
                                                                + " event_time_ms"))
                                        .hasSize(3)
                                        .allSatisfy(
                                                row ->
                                                        assertThat(row.get(1))
                                                                .isEqualTo("MESSAGING")));
        await().atMost(ChatStack.TIMEOUT)
                .until(
                        () ->
                                CLICKHOUSE.queryLong(
                                                "SELECT count() FROM "
                                                        + Table.CONVERSATION_SENTIMENT
                                                                .qualifiedName()
                                                        + " FINAL"
                                                        + ChatStack.where(stack.tenant, contactId))
                                        == 3);
        DesktopPage.screenshot(desktop, "whatsapp-desktop");
    }

    /** The fixture's text message, sent now (inside the 24-hour window), with a new id. */
    private static String message(String text) {
        return fixture("text-message.json")
                .replace(
                        "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFDNBMDFGMkU0QzlEQTk1QjQ2QTcwAA==",
                        "wamid.e2e." + UUID.randomUUID())
                .replace("\"1750857384\"", "\"" + System.currentTimeMillis() / 1000 + "\"")
                .replace("Hello, my parcel never arrived. Order 4711.", text);
    }

    /** A {@code statuses} webhook for our message {@code id}, in the documented shape. */
    private static String status(String id, String state) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "310000000000001",
                  "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "493012345600",
                                 "phone_number_id": "%s"},
                    "statuses": [{"id": "%s", "status": "%s", "timestamp": "%d",
                                  "recipient_id": "%s"}]}}]}]}
                """
                .formatted(
                        ChatStack.WHATSAPP_NUMBER_ID,
                        id,
                        state,
                        System.currentTimeMillis() / 1000,
                        CUSTOMER_NUMBER);
    }

    private static String fixture(String name) {
        try (InputStream in =
                WhatsAppAcceptanceITCase.class.getResourceAsStream("/whatsapp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A customer known by her WhatsApp number, created as an agent's CRM would. */
    private static String customer(String name, String number) {
        JsonNode created =
                stack.api.asSupervisor(
                        "POST",
                        "/v1/customers",
                        Map.of(
                                "displayName",
                                name,
                                "identities",
                                List.of(
                                        Map.of(
                                                "kind",
                                                "WHATSAPP",
                                                "value",
                                                number,
                                                "verified",
                                                true,
                                                "primary",
                                                true))),
                        201);
        return created.get("id").asText();
    }
}
