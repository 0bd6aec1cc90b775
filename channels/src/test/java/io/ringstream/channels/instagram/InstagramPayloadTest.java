package io.ringstream.channels.instagram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.webhook.Attachment;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MalformedPayloadException;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.channels.webhook.Skipped;
import io.ringstream.channels.webhook.WebhookBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstagramPayloadTest {
    private static final String MID =
            "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMDAwMDAwMDQyOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTY0MjcyMzc0NjU2Nzk2NQZDZD";

    @Test
    void aTextMessageBecomesAnInboundMessage() throws Exception {
        WebhookBatch batch = InstagramPayload.parse(fixture("text-message.json"));

        assertThat(batch.statuses()).isEmpty();
        assertThat(batch.skipped()).isEmpty();
        assertThat(batch.messages())
                .containsExactly(
                        new InboundMessage(
                                Provider.INSTAGRAM,
                                "17841400000000042",
                                "6650000000000001",
                                null,
                                MID,
                                1_750_857_383_950L,
                                MessageKind.TEXT,
                                "Do you ship to Norway?",
                                List.of()));
        assertThat(batch.messages().get(0).dedupeKey()).isEqualTo("instagram:message:" + MID);
    }

    @Test
    void attachmentsArePlaceholdersAndEchoesAndOtherEventsAreSkipped() throws Exception {
        WebhookBatch batch = InstagramPayload.parse(fixture("attachments-echo-and-events.json"));

        assertThat(batch.messages())
                .extracting(InboundMessage::messageId, InboundMessage::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("mid.image.1", MessageKind.IMAGE),
                        org.assertj.core.groups.Tuple.tuple("mid.share.1", MessageKind.SHARE),
                        org.assertj.core.groups.Tuple.tuple(
                                "mid.unsupported.1", MessageKind.UNSUPPORTED));
        assertThat(batch.messages().get(0).attachments())
                .containsExactly(
                        new Attachment(
                                MessageKind.IMAGE,
                                null,
                                null,
                                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1001"),
                        new Attachment(
                                MessageKind.IMAGE,
                                null,
                                null,
                                "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1002"));
        assertThat(batch.messages().get(0).text()).isNull();
        assertThat(batch.messages())
                .allSatisfy(m -> assertThat(m.senderId()).isEqualTo("6650000000000001"));

        assertThat(batch.skipped())
                .extracting(Skipped::id, s -> s.reason().replaceFirst("^.*: ", ""))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "mid.echo.1", "echo of a message our account sent"),
                        org.assertj.core.groups.Tuple.tuple(null, "a 'read' event, not a message"),
                        org.assertj.core.groups.Tuple.tuple(
                                null, "a 'reaction' event, not a message"),
                        org.assertj.core.groups.Tuple.tuple(
                                "mid.image.1", "the customer unsent a message"));
    }

    @Test
    void anEchoNeverBecomesACustomerMessage() throws Exception {
        WebhookBatch batch = InstagramPayload.parse(fixture("attachments-echo-and-events.json"));
        assertThat(batch.messages())
                .extracting(InboundMessage::messageId)
                .doesNotContain("mid.echo.1");
        assertThat(batch.messages())
                .extracting(InboundMessage::senderId)
                .doesNotContain("17841400000000042");
    }

    @Test
    void aNotificationWrappedInAnArrayAsTheExamplesShowIsAccepted() throws Exception {
        byte[] object = fixture("text-message.json");
        byte[] wrapped =
                ("[" + new String(object, StandardCharsets.UTF_8) + "]")
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(InstagramPayload.parse(wrapped)).isEqualTo(InstagramPayload.parse(object));
    }

    @Test
    void aCommentsEntryIsSkippedNotMistakenForAMessage() throws Exception {
        String body =
                """
                {"object":"instagram","entry":[{"id":"17841400000000042","time":1,
                 "changes":[{"field":"comments","value":{"id":"c1","text":"nice"}}]}]}
                """;
        WebhookBatch batch = InstagramPayload.parse(utf8(body));
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.skipped())
                .extracting(Skipped::reason)
                .singleElement()
                .asString()
                .contains("not a messaging notification");
    }

    @Test
    void malformedBodiesAreRefusedWithTheFieldThatIsWrong() {
        assertMalformed("not json", "not JSON");
        assertMalformed("[]", "empty array");
        assertMalformed("42", "not a JSON object");
        assertMalformed("{\"object\":\"page\",\"entry\":[]}", "not 'instagram'");
        assertMalformed("{\"object\":\"instagram\"}", "$.entry is missing");
        assertMalformed(
                "{\"object\":\"instagram\",\"entry\":[{\"messaging\":[]}]}",
                "$.entry[0].id is missing");
        assertMalformed(withEvent("{}"), "messaging[0].sender is missing");
        assertMalformed(
                withEvent("{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"2\"}}"),
                "messaging[0].timestamp is missing");
        assertMalformed(
                withEvent(
                        "{\"sender\":{},\"recipient\":{\"id\":\"2\"},\"timestamp\":1,\"message\":{\"mid\":\"m\"}}"),
                "messaging[0].sender.id is missing");
        assertMalformed(
                withEvent(
                        "{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"2\"},\"timestamp\":1,\"message\":{\"text\":\"hi\"}}"),
                "messaging[0].message.mid is missing");
        assertMalformed(
                withEvent(
                        "{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"2\"},\"timestamp\":1,"
                                + "\"message\":{\"mid\":\"m\",\"is_echo\":\"yes\"}}"),
                "message.is_echo is not a boolean");
        assertMalformed(
                withEvent(
                        "{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"2\"},\"timestamp\":1,"
                                + "\"message\":{\"mid\":\"m\",\"attachments\":[{\"payload\":{}}]}}"),
                "message.attachments[0].type is missing");
    }

    private static String withEvent(String event) {
        return "{\"object\":\"instagram\",\"entry\":[{\"id\":\"2\",\"time\":1,\"messaging\":["
                + event
                + "]}]}";
    }

    private static void assertMalformed(String body, String reasonFragment) {
        assertThatThrownBy(() -> InstagramPayload.parse(utf8(body)))
                .as(body)
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining(reasonFragment);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in =
                InstagramPayloadTest.class.getResourceAsStream("/instagram/" + name)) {
            if (in == null) {
                throw new IOException("no test resource " + name);
            }
            return in.readAllBytes();
        }
    }
}
