package io.ringstream.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.ChannelEvents.StatusOutcome;
import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.conversation.Sender;
import io.ringstream.channels.instagram.InstagramPayload;
import io.ringstream.channels.webhook.Attachment;
import io.ringstream.channels.webhook.DeliveryError;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.DeliveryStatus.State;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.channels.whatsapp.WhatsAppPayload;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.events.Channel;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.Speaker;
import io.ringstream.events.Tenants;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelEventsTest {
    private static final String WAMID =
            "wamid.HBgNNDkxNTExMjM0NTY3OBUCABIYFDNBMDFGMkU0QzlEQTk1QjQ2QTcwAA==";
    private static final long T = 1_750_857_384_000L;

    private final ChannelEvents events = new ChannelEvents(Tenants.DEFAULT);

    private static InboundMessage whatsApp(MessageKind kind, String text, Attachment... media) {
        return new InboundMessage(
                Provider.WHATSAPP,
                "420000000000007",
                "+4915112345678",
                "Jana Novak",
                WAMID,
                T,
                kind,
                text,
                List.of(media));
    }

    @Test
    void aWhatsAppTextIsACustomerChatMessageOnTheMessagingChannel() {
        InteractionEvent e =
                events.message(whatsApp(MessageKind.TEXT, "My parcel never arrived."), "c-1", 3);

        assertThat(e.violations()).isEmpty();
        assertThat(e.type()).isEqualTo(InteractionType.CHAT_MESSAGE);
        assertThat(e.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(e.speaker()).isEqualTo(Speaker.CUSTOMER);
        assertThat(e.contactId()).isEqualTo("c-1");
        assertThat(e.key()).isEqualTo("c-1");
        assertThat(e.tenant()).isEqualTo(Tenants.DEFAULT);
        assertThat(e.eventTime()).isEqualTo(T);
        assertThat(e.source()).isEqualTo("whatsapp:420000000000007");
        assertThat(e.text()).isEqualTo("My parcel never arrived.");
        assertThat(e.language()).isNull();
        assertThat(e.attributes())
                .containsEntry("provider", "whatsapp")
                .containsEntry("providerMessageId", WAMID)
                .containsEntry("messageKind", "text")
                .containsEntry("seq", "3")
                .doesNotContainKey("mediaId");
    }

    @Test
    void mediaBecomeAPlaceholderWithTheMediaIdInTheAttributes() {
        InteractionEvent image =
                events.message(
                        whatsApp(
                                MessageKind.IMAGE,
                                null,
                                new Attachment(
                                        MessageKind.IMAGE, "1479537139650973", "image/jpeg", null)),
                        "c-1");
        InteractionEvent captioned =
                events.message(
                        whatsApp(
                                MessageKind.VIDEO,
                                "it arrived broken",
                                new Attachment(MessageKind.VIDEO, "m-2", "video/mp4", null)),
                        "c-1");

        assertThat(image.violations()).isEmpty();
        assertThat(image.text()).isEqualTo("[image]");
        assertThat(image.attributes())
                .containsEntry("mediaId", "1479537139650973")
                .containsEntry("mimeType", "image/jpeg")
                .containsEntry("messageKind", "image")
                .doesNotContainKey("seq");
        assertThat(captioned.violations()).isEmpty();
        assertThat(captioned.text()).isEqualTo("[video] it arrived broken");
        assertThat(captioned.attributes()).containsEntry("mediaId", "m-2");
    }

    @Test
    void aLocationKeepsItsUriOutOfTheText() {
        InteractionEvent e =
                events.message(whatsApp(MessageKind.LOCATION, "geo:52.52,13.405"), "c-1");

        assertThat(e.violations()).isEmpty();
        assertThat(e.text()).isEqualTo("[location]");
        assertThat(e.attributes()).containsEntry("location", "geo:52.52,13.405");
    }

    @Test
    void kindsWithoutTextStillHaveText() {
        for (MessageKind kind : MessageKind.values()) {
            InteractionEvent e = events.message(whatsApp(kind, null), "c-1");
            assertThat(e.violations()).as(kind.name()).isEmpty();
            assertThat(e.text()).isEqualTo("[" + kind.name().toLowerCase() + "]");
        }
    }

    @Test
    void anInstagramAttachmentKeepsItsUrl() {
        InboundMessage m =
                new InboundMessage(
                        Provider.INSTAGRAM,
                        "17841400000000000",
                        "1254459154682919",
                        null,
                        "aWdfZAG1faXRlbToxOklH",
                        T,
                        MessageKind.IMAGE,
                        null,
                        List.of(
                                new Attachment(MessageKind.IMAGE, null, null, "https://cdn/a.jpg"),
                                new Attachment(
                                        MessageKind.IMAGE, null, null, "https://cdn/b.jpg")));

        InteractionEvent e = events.message(m, "c-9");

        assertThat(e.violations()).isEmpty();
        assertThat(e.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(e.source()).isEqualTo("instagram:17841400000000000");
        assertThat(e.text()).isEqualTo("[image]");
        assertThat(e.attributes())
                .containsEntry("provider", "instagram")
                .containsEntry("mediaUrl", "https://cdn/a.jpg")
                .containsEntry("attachments", "2")
                .doesNotContainKey("mediaId");
    }

    @Test
    void theSameMessageMappedTwiceHasTheSameEventId() {
        InboundMessage first = whatsApp(MessageKind.TEXT, "hello");
        // A provider retry: same message id, possibly numbered again and even filed under another
        // contact by a gateway that lost its state.
        InboundMessage retry = whatsApp(MessageKind.TEXT, "hello");

        InteractionEvent a = events.message(first, "c-1", 1);
        InteractionEvent b = events.message(retry, "c-2", 7);
        InteractionEvent other =
                events.message(
                        new InboundMessage(
                                Provider.WHATSAPP,
                                "420000000000007",
                                "+4915112345678",
                                null,
                                WAMID + "x",
                                T,
                                MessageKind.TEXT,
                                "hello",
                                List.of()),
                        "c-1");

        assertThat(b.eventId()).isEqualTo(a.eventId()).isEqualTo(ChannelEvents.messageId(first));
        assertThat(other.eventId()).isNotEqualTo(a.eventId());
        assertThat(events.message(first, "c-1", 1)).isEqualTo(a);
    }

    @Test
    void everyMessageOfTheProviderFixturesMapsToAValidEvent() throws Exception {
        List<InboundMessage> all = new ArrayList<>();
        all.addAll(WhatsAppPayload.parse(fixture("whatsapp/text-message.json")).messages());
        all.addAll(
                WhatsAppPayload.parse(fixture("whatsapp/media-and-other-messages.json"))
                        .messages());
        all.addAll(InstagramPayload.parse(fixture("instagram/text-message.json")).messages());
        all.addAll(
                InstagramPayload.parse(fixture("instagram/attachments-echo-and-events.json"))
                        .messages());

        assertThat(all).hasSizeGreaterThan(5);
        for (InboundMessage m : all) {
            InteractionEvent e = events.message(m, "c-1");
            assertThat(e.violations()).as(m.messageId()).isEmpty();
            assertThat(e.attributes()).containsEntry("providerMessageId", m.messageId());
            assertThat(ChannelEvents.senderIdentity(m))
                    .as(m.senderId())
                    .isInstanceOf(Normalisation.Accepted.class);
        }
        assertThat(all.stream().map(m -> events.message(m, "c-1").eventId()).distinct())
                .hasSize(all.size());
    }

    @Test
    void webChatMessagesKeepTheSpeakerTheNumberAndTheClientId() {
        ConversationLog log = ConversationLog.keeping(10);
        ConversationLog.Entry visitor =
                ((ConversationLog.Appended.Accepted)
                                log.append("m1", Sender.visitor("s-1"), "Is anyone there?", T))
                        .entry();
        ConversationLog.Entry agent =
                ((ConversationLog.Appended.Accepted)
                                log.append("m1", Sender.agent("a-7"), "Yes, hello!", T + 5_000))
                        .entry();

        InteractionEvent v = events.webChat("c-3", visitor);
        InteractionEvent a = events.webChat("c-3", agent);

        assertThat(v.violations()).isEmpty();
        assertThat(a.violations()).isEmpty();
        assertThat(v.channel()).isEqualTo(Channel.CHAT);
        assertThat(v.source()).isEqualTo("webchat");
        assertThat(v.speaker()).isEqualTo(Speaker.CUSTOMER);
        assertThat(v.text()).isEqualTo("Is anyone there?");
        assertThat(v.eventTime()).isEqualTo(T);
        assertThat(v.attributes())
                .containsEntry("seq", "1")
                .containsEntry("clientMessageId", "m1")
                .doesNotContainKey("agentId");
        assertThat(a.speaker()).isEqualTo(Speaker.AGENT);
        assertThat(a.attributes()).containsEntry("seq", "2").containsEntry("agentId", "a-7");
        // Same client id, different senders: two messages, two ids.
        assertThat(a.eventId()).isNotEqualTo(v.eventId());
    }

    @Test
    void aWebChatReplayHasTheSameIdEvenWhenNumberedAgain() {
        ConversationLog.Entry original =
                new ConversationLog.Entry(4, Sender.visitor("s-1"), "m9", "hi", T);
        // After a gateway restart the log numbers again from 1; the resent message is the same.
        ConversationLog.Entry renumbered =
                new ConversationLog.Entry(1, Sender.visitor("s-1"), "m9", "hi", T + 1);
        ConversationLog.Entry newMessageSameNumber =
                new ConversationLog.Entry(4, Sender.visitor("s-1"), "m10", "hi", T);

        String id = events.webChat("c-3", original).eventId();

        assertThat(events.webChat("c-3", original).eventId()).isEqualTo(id);
        assertThat(events.webChat("c-3", renumbered).eventId()).isEqualTo(id);
        assertThat(events.webChat("c-3", newMessageSameNumber).eventId()).isNotEqualTo(id);
        assertThat(events.webChat("c-4", original).eventId()).isNotEqualTo(id);
    }

    @Test
    void anAgentsWhatsAppReplyIsAnAgentTurnOnTheMessagingChannel() {
        ConversationLog.Entry reply =
                new ConversationLog.Entry(
                        2, Sender.agent("a-7"), "r1", "We are on it.", T + 60_000);

        InteractionEvent e = events.reply("c-1", Provider.WHATSAPP, "420000000000007", reply);

        assertThat(e.violations()).isEmpty();
        assertThat(e.speaker()).isEqualTo(Speaker.AGENT);
        assertThat(e.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(e.source()).isEqualTo("whatsapp:420000000000007");
        assertThat(e.text()).isEqualTo("We are on it.");
        assertThat(e.attributes())
                .containsEntry("agentId", "a-7")
                .containsEntry("seq", "2")
                .containsEntry("clientMessageId", "r1");
        assertThat(events.reply("c-1", Provider.WHATSAPP, "420000000000007", reply).eventId())
                .isEqualTo(e.eventId());
        assertThatThrownBy(
                        () ->
                                events.reply(
                                        "c-1",
                                        Provider.WHATSAPP,
                                        "420000000000007",
                                        new ConversationLog.Entry(
                                                3, Sender.visitor("s"), "m", "hi", T)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStatusOfOurMessageIsAReceiptForItsContact() {
        DeliveryStatus read =
                new DeliveryStatus(Provider.WHATSAPP, WAMID, "+4915112345678", State.READ, T, null);

        StatusOutcome outcome = events.status(read, "c-1");

        assertThat(outcome).isInstanceOf(StatusOutcome.Receipt.class);
        DeliveryReceipt r = ((StatusOutcome.Receipt) outcome).receipt();
        assertThat(r.violations()).isEmpty();
        assertThat(r.contactId()).isEqualTo("c-1");
        assertThat(r.key()).isEqualTo("c-1");
        assertThat(r.status()).isEqualTo(State.READ);
        assertThat(r.timestampMillis()).isEqualTo(T);
        assertThat(r.source()).isEqualTo("whatsapp");
        assertThat(r.attributes())
                .containsEntry("provider", "whatsapp")
                .containsEntry("providerMessageId", WAMID)
                .containsEntry("status", "read")
                .doesNotContainKey("errorCode");
    }

    @Test
    void aFailedStatusCarriesTheProvidersReason() {
        DeliveryStatus failed =
                new DeliveryStatus(
                        Provider.WHATSAPP,
                        WAMID,
                        "+4915112345678",
                        State.FAILED,
                        T,
                        new DeliveryError(
                                131047, "Re-engagement message", "More than 24 hours have passed"));

        DeliveryReceipt r = ((StatusOutcome.Receipt) events.status(failed, "c-1")).receipt();

        assertThat(r.violations()).isEmpty();
        assertThat(r.attributes())
                .containsEntry("status", "failed")
                .containsEntry("errorCode", "131047")
                .containsEntry("errorTitle", "Re-engagement message")
                .containsEntry("errorDetails", "More than 24 hours have passed");
    }

    @Test
    void eachStateOfAMessageHasItsOwnStableId() {
        DeliveryStatus delivered =
                new DeliveryStatus(
                        Provider.WHATSAPP, WAMID, "+4915112345678", State.DELIVERED, T, null);
        DeliveryStatus retried =
                new DeliveryStatus(
                        Provider.WHATSAPP, WAMID, "+4915112345678", State.DELIVERED, T + 9, null);
        DeliveryStatus read =
                new DeliveryStatus(Provider.WHATSAPP, WAMID, "+4915112345678", State.READ, T, null);

        String id = receipt(delivered).eventId();

        assertThat(receipt(retried).eventId()).isEqualTo(id);
        assertThat(receipt(read).eventId()).isNotEqualTo(id);
    }

    @Test
    void aStatusForAnUnknownMessageIsReportedNotGuessed() {
        DeliveryStatus stray =
                new DeliveryStatus(
                        Provider.WHATSAPP, "wamid.unknown", "+4915112345678", State.SENT, T, null);

        StatusOutcome outcome = events.status(stray, null);

        assertThat(outcome).isInstanceOf(StatusOutcome.UnknownMessage.class);
        StatusOutcome.UnknownMessage unknown = (StatusOutcome.UnknownMessage) outcome;
        assertThat(unknown.status()).isEqualTo(stray);
        assertThat(unknown.reason()).contains("wamid.unknown");
        assertThat(events.status(stray, " ")).isInstanceOf(StatusOutcome.UnknownMessage.class);
    }

    @Test
    void aReceiptWithABadTimeFailsItsOwnChecks() {
        DeliveryStatus zero =
                new DeliveryStatus(Provider.WHATSAPP, WAMID, "+4915112345678", State.SENT, 0, null);

        assertThat(receipt(zero).violations())
                .containsExactly("eventTime 0 is not epoch milliseconds");
    }

    @Test
    void aReceiptBecomesADeliveryReceiptInteractionWithoutText() {
        DeliveryStatus failed =
                new DeliveryStatus(
                        Provider.WHATSAPP,
                        WAMID,
                        "+4915112345678",
                        State.FAILED,
                        T,
                        new DeliveryError(131047, "Re-engagement message", null));
        DeliveryReceipt r = receipt(failed);

        InteractionEvent e = ChannelEvents.receiptEvent(r);

        assertThat(e.violations()).isEmpty();
        assertThat(e.type()).isEqualTo(InteractionType.DELIVERY_RECEIPT);
        assertThat(e.eventId()).isEqualTo(r.eventId());
        assertThat(e.tenant()).isEqualTo(Tenants.DEFAULT);
        assertThat(e.contactId()).isEqualTo("c-1");
        assertThat(e.channel()).isEqualTo(Channel.MESSAGING);
        assertThat(e.eventTime()).isEqualTo(T);
        assertThat(e.source()).isEqualTo("whatsapp");
        assertThat(e.speaker()).isEqualTo(Speaker.AGENT);
        assertThat(e.text()).isNull();
        assertThat(e.attributes())
                .containsEntry("status", "failed")
                .containsEntry("errorCode", "131047")
                .containsEntry("providerMessageId", WAMID);
        assertThat(ChannelEvents.receiptEvent(receipt(failed)).eventId()).isEqualTo(e.eventId());
    }

    @Test
    void anInvalidReceiptIsNotTurnedIntoAnEvent() {
        DeliveryStatus zero =
                new DeliveryStatus(Provider.WHATSAPP, WAMID, "+4915112345678", State.SENT, 0, null);

        assertThatThrownBy(() -> ChannelEvents.receiptEvent(receipt(zero)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventTime 0");
    }

    @Test
    void aWhatsAppSenderIsAWhatsAppIdentityInE164() {
        Normalisation n = ChannelEvents.senderIdentity(whatsApp(MessageKind.TEXT, "hi"));

        assertThat(n).isInstanceOf(Normalisation.Accepted.class);
        Normalisation.Accepted a = (Normalisation.Accepted) n;
        assertThat(a.kind()).isEqualTo(IdentityKind.WHATSAPP);
        assertThat(a.value()).isEqualTo("+4915112345678");
        assertThat(a.toIdentity(false, false).key()).isEqualTo("WHATSAPP:+4915112345678");
    }

    @Test
    void anInstagramSenderIsAnInstagramIdentityKeptAsGiven() {
        InboundMessage m =
                new InboundMessage(
                        Provider.INSTAGRAM,
                        "17841400000000000",
                        "1254459154682919",
                        null,
                        "mid-1",
                        T,
                        MessageKind.TEXT,
                        "hi",
                        List.of());

        Normalisation.Accepted a = (Normalisation.Accepted) ChannelEvents.senderIdentity(m);

        assertThat(a.kind()).isEqualTo(IdentityKind.INSTAGRAM);
        assertThat(a.value()).isEqualTo("1254459154682919");
    }

    @Test
    void aStatusRecipientResolvesLikeASender() {
        DeliveryStatus s =
                new DeliveryStatus(Provider.WHATSAPP, WAMID, "+4915112345678", State.SENT, T, null);

        assertThat(ChannelEvents.recipientIdentity(s))
                .isEqualTo(ChannelEvents.senderIdentity(whatsApp(MessageKind.TEXT, "x")));
    }

    private DeliveryReceipt receipt(DeliveryStatus s) {
        return ((StatusOutcome.Receipt) events.status(s, "c-1")).receipt();
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = ChannelEventsTest.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IOException("no fixture " + name);
            }
            return in.readAllBytes();
        }
    }
}
