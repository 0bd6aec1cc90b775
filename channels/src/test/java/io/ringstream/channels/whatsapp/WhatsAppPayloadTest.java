package io.ringstream.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.webhook.Attachment;
import io.ringstream.channels.webhook.DeliveryError;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.DeliveryStatus.State;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MalformedPayloadException;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.channels.webhook.WebhookBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WhatsAppPayloadTest {
    private static final String ACCOUNT = "420000000000007";

    @Test
    void aTextMessageBecomesAnInboundMessage() throws Exception {
        WebhookBatch batch = WhatsAppPayload.parse(fixture("text-message.json"));

        assertThat(batch.statuses()).isEmpty();
        assertThat(batch.skipped()).isEmpty();
        assertThat(batch.messages())
                .containsExactly(
                        new InboundMessage(
                                Provider.WHATSAPP,
                                "420000000000007",
                                "+4915112345678",
                                "Jana Novak",
                                "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFDNBMDFGMkU0QzlEQTk1QjQ2QTcwAA==",
                                1_750_857_384_000L,
                                MessageKind.TEXT,
                                "Hello, my parcel never arrived. Order 4711.",
                                List.of()));
        assertThat(batch.messages().get(0).dedupeKey())
                .isEqualTo(
                        "whatsapp:message:wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFDNBMDFGMkU0QzlEQTk1QjQ2QTcwAA==");
    }

    @Test
    void mediaAndOtherTypesBecomeTypedPlaceholders() throws Exception {
        List<InboundMessage> messages =
                WhatsAppPayload.parse(fixture("media-and-other-messages.json")).messages();

        assertThat(messages)
                .extracting(InboundMessage::kind)
                .containsExactly(
                        MessageKind.IMAGE,
                        MessageKind.AUDIO,
                        MessageKind.DOCUMENT,
                        MessageKind.STICKER,
                        MessageKind.LOCATION,
                        MessageKind.REACTION,
                        MessageKind.REPLY,
                        MessageKind.UNSUPPORTED);

        InboundMessage image = messages.get(0);
        assertThat(image.text()).isEqualTo("The damaged box");
        assertThat(image.mediaId()).isEqualTo("1200000000000001");
        assertThat(image.attachments())
                .containsExactly(
                        new Attachment(MessageKind.IMAGE, "1200000000000001", "image/jpeg", null));

        assertThat(messages.get(1).attachments().get(0).mimeType())
                .isEqualTo("audio/ogg; codecs=opus");
        assertThat(messages.get(1).text()).isNull();

        InboundMessage document = messages.get(2);
        assertThat(document.senderId()).isEqualTo("+4791234567");
        assertThat(document.senderName()).isEqualTo("Ole Berg");
        assertThat(document.mediaId()).isEqualTo("1200000000000003");
        assertThat(document.attachments().get(0).mimeType()).isEqualTo("application/pdf");

        assertThat(messages.get(3).attachments().get(0).mimeType()).isEqualTo("image/webp");
        assertThat(messages.get(4).text()).isEqualTo("geo:52.5163,13.3777");
        assertThat(messages.get(4).attachments()).isEmpty();
        assertThat(messages.get(5).text()).isEqualTo("\uD83D\uDC4D");
        assertThat(messages.get(6).text()).isEqualTo("Send it again");
        assertThat(messages.get(7).text()).isNull();
        assertThat(messages.get(7).attachments()).isEmpty();
    }

    @Test
    void statusesBecomeDeliveryStatusesAndUntrackedStatesAreSkipped() throws Exception {
        WebhookBatch batch = WhatsAppPayload.parse(fixture("statuses.json"));

        assertThat(batch.messages()).isEmpty();
        assertThat(batch.statuses())
                .containsExactly(
                        new DeliveryStatus(
                                Provider.WHATSAPP,
                                "wamid.ours.1",
                                "+4915112345678",
                                State.SENT,
                                1_750_857_500_000L,
                                null,
                                ACCOUNT),
                        new DeliveryStatus(
                                Provider.WHATSAPP,
                                "wamid.ours.1",
                                "+4915112345678",
                                State.DELIVERED,
                                1_750_857_502_000L,
                                null,
                                ACCOUNT),
                        new DeliveryStatus(
                                Provider.WHATSAPP,
                                "wamid.ours.1",
                                "+4915112345678",
                                State.READ,
                                1_750_857_530_000L,
                                null,
                                ACCOUNT),
                        new DeliveryStatus(
                                Provider.WHATSAPP,
                                "wamid.ours.3",
                                "+4791234567",
                                State.FAILED,
                                1_750_857_600_000L,
                                new DeliveryError(
                                        131047,
                                        "Re-engagement message",
                                        "Message failed to send because more than 24 hours have"
                                                + " passed since the customer last replied to this"
                                                + " number."),
                                ACCOUNT));
        assertThat(batch.skipped())
                .extracting(s -> s.reason())
                .satisfiesExactly(
                        r -> assertThat(r).contains("status 'played' not tracked"),
                        r -> assertThat(r).contains("webhook field 'account_update'"));
        assertThat(batch.skipped().get(0).id()).isEqualTo("wamid.ours.4");
    }

    @Test
    void aContactWithoutAProfileLeavesTheNameEmpty() throws Exception {
        String body =
                """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
                 "value":{"metadata":{"phone_number_id":"42"},
                  "messages":[{"from":"4915112345678","id":"wamid.a","timestamp":"1","type":"text",
                   "text":{"body":"hi"}}]}}]}]}
                """;
        InboundMessage message = WhatsAppPayload.parse(utf8(body)).messages().get(0);
        assertThat(message.senderName()).isNull();
        assertThat(message.timestampMillis()).isEqualTo(1000L);
    }

    @Test
    void malformedBodiesAreRefusedWithTheFieldThatIsWrong() {
        assertMalformed("", "empty");
        assertMalformed("{\"object\":", "not JSON");
        assertMalformed("[]", "not a JSON object");
        assertMalformed("{\"entry\":[]}", "$.object is missing");
        assertMalformed(
                "{\"object\":\"instagram\",\"entry\":[]}", "not 'whatsapp_business_account'");
        assertMalformed("{\"object\":\"whatsapp_business_account\"}", "$.entry is missing");
        assertMalformed(
                "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
                "$.entry is not an array");
        assertMalformed(
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\"}]}",
                "$.entry[0].changes is missing");
        assertMalformed(withMessage("\"messages\":[{}]"), "messages[0].from is missing");
        assertMalformed(
                withMessage(
                        "\"messages\":[{\"from\":\"4915112345678\",\"id\":\"w\",\"timestamp\":\"1\","
                                + "\"type\":\"text\"}]"),
                "messages[0].text is missing");
        assertMalformed(
                withMessage(
                        "\"messages\":[{\"from\":\"4915112345678\",\"id\":\"w\",\"timestamp\":\"1\","
                                + "\"type\":\"text\",\"text\":{\"body\":null}}]"),
                "messages[0].text.body is missing");
        assertMalformed(
                withMessage(
                        "\"messages\":[{\"from\":\"4915112345678\",\"id\":\"w\",\"timestamp\":\"yesterday\","
                                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]"),
                "messages[0].timestamp is not a whole number");
        assertMalformed(
                withMessage(
                        "\"messages\":[{\"from\":\"+49 151\",\"id\":\"w\",\"timestamp\":\"1\","
                                + "\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]"),
                "messages[0].from is not a phone number");
        assertMalformed(
                withMessage(
                        "\"messages\":[{\"from\":\"4915112345678\",\"id\":\"w\",\"timestamp\":\"1\","
                                + "\"type\":\"location\",\"location\":{\"latitude\":\"north\"}}]"),
                "location.latitude is missing or not a number");
        assertMalformed(
                withMessage(
                        "\"statuses\":[{\"id\":\"w\",\"status\":\"read\",\"timestamp\":\"1\"}]"),
                "statuses[0].recipient_id is missing");
        assertMalformed(
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
                        + "\"field\":\"messages\",\"value\":{\"messages\":[{\"from\":\"4915112345678\","
                        + "\"id\":\"w\",\"timestamp\":\"1\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]}}]}]}",
                "value.metadata is missing");
    }

    @Test
    void anEmptyEntryListIsAnEmptyBatchNotAnError() throws Exception {
        WebhookBatch batch =
                WhatsAppPayload.parse(
                        utf8("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"));
        assertThat(batch.isEmpty()).isTrue();
    }

    private static String withMessage(String valueField) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"metadata\":{\"phone_number_id\":\"42\"},"
                + valueField
                + "}}]}]}";
    }

    private static void assertMalformed(String body, String reasonFragment) {
        assertThatThrownBy(() -> WhatsAppPayload.parse(utf8(body)))
                .as(body)
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining(reasonFragment);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = WhatsAppPayloadTest.class.getResourceAsStream("/whatsapp/" + name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
