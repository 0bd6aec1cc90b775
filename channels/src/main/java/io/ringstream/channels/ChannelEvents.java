package io.ringstream.channels;

import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.webhook.Attachment;
import io.ringstream.channels.webhook.DeliveryError;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.IdentityNormaliser;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.Speaker;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the channels' messages into Ringstream events, so sentiment, the SLA clocks and the KPIs
 * see a chat, a WhatsApp or an Instagram conversation as they see a call (docs/channels.md,
 * "Messages and statuses as events").
 *
 * <ul>
 *   <li>A provider's {@link InboundMessage} and a web chat {@link ConversationLog.Entry} become a
 *       {@code CHAT_MESSAGE} {@link InteractionEvent}; media become a typed placeholder text such
 *       as {@code [image]} with the media id in the attributes.
 *   <li>A {@link DeliveryStatus} becomes a {@link DeliveryReceipt} for the contact its message
 *       belongs to, or {@link StatusOutcome.UnknownMessage} when the gateway sent no such message.
 *   <li>A sender becomes a customer identity: WhatsApp's number as {@link IdentityKind#WHATSAPP},
 *       Instagram's scoped id as {@link IdentityKind#INSTAGRAM}.
 * </ul>
 *
 * <p>Event ids depend only on what identifies the message at its source, never on the contact or
 * the time of mapping, so a provider's retry or a gateway replay yields the same id and the sinks
 * keep one row. Immutable and thread-safe.
 */
public final class ChannelEvents {

    /** The {@code source} of web chat events (docs/events.md). */
    public static final String WEBCHAT_SOURCE = "webchat";

    // Attribute names, camelCase like the other events' attributes.
    public static final String PROVIDER = "provider";
    public static final String PROVIDER_MESSAGE_ID = "providerMessageId";
    public static final String SEQ = "seq";
    public static final String MESSAGE_KIND = "messageKind";
    public static final String MEDIA_ID = "mediaId";
    public static final String MIME_TYPE = "mimeType";
    public static final String MEDIA_URL = "mediaUrl";
    public static final String ATTACHMENTS = "attachments";
    public static final String LOCATION = "location";
    public static final String CLIENT_MESSAGE_ID = "clientMessageId";
    public static final String AGENT_ID = "agentId";
    public static final String STATUS = "status";
    public static final String ERROR_CODE = "errorCode";
    public static final String ERROR_TITLE = "errorTitle";
    public static final String ERROR_DETAILS = "errorDetails";

    // Senders arrive in E.164 already; no region is needed to read them.
    private static final IdentityNormaliser IDENTITIES = IdentityNormaliser.withoutDefaultRegion();

    private final String tenant;

    /**
     * @param tenant the tenant every event is written for
     */
    public ChannelEvents(String tenant) {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("a tenant is required");
        }
        this.tenant = tenant;
    }

    /** What mapping a provider's status gave. */
    public sealed interface StatusOutcome {

        /** The status belongs to a message of ours in a known contact. */
        record Receipt(DeliveryReceipt receipt) implements StatusOutcome {}

        /**
         * The gateway knows no message with this id (sent before it kept track, sent by another
         * tool on the same number, or forgotten): nothing to attach it to, to be counted and
         * dropped, not guessed.
         */
        record UnknownMessage(DeliveryStatus status, String reason) implements StatusOutcome {}
    }

    /**
     * A customer's WhatsApp or Instagram message as a conversation turn, without a conversation
     * number.
     *
     * @param contactId the contact the gateway opened or found for this sender
     */
    public InteractionEvent message(InboundMessage m, String contactId) {
        return message(m, contactId, Map.of());
    }

    /**
     * The same, with the number the gateway's conversation log gave it ({@code seq} attribute). The
     * number does not enter the event id: a replay that numbers the message again keeps its id.
     */
    public InteractionEvent message(InboundMessage m, String contactId, long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("conversation numbers start at 1: " + seq);
        }
        return message(m, contactId, Map.of(SEQ, Long.toString(seq)));
    }

    private InteractionEvent message(
            InboundMessage m, String contactId, Map<String, String> extra) {
        Objects.requireNonNull(m, "message");
        Map<String, String> attributes = new LinkedHashMap<>(extra);
        attributes.put(PROVIDER, m.provider().id());
        attributes.put(PROVIDER_MESSAGE_ID, m.messageId());
        attributes.put(MESSAGE_KIND, m.kind().name().toLowerCase(Locale.ROOT));
        if (!m.attachments().isEmpty()) {
            Attachment first = m.attachments().get(0);
            putIfPresent(attributes, MEDIA_ID, first.mediaId());
            putIfPresent(attributes, MIME_TYPE, first.mimeType());
            putIfPresent(attributes, MEDIA_URL, first.url());
            if (m.attachments().size() > 1) {
                attributes.put(ATTACHMENTS, Integer.toString(m.attachments().size()));
            }
        }
        String text;
        if (m.kind() == MessageKind.LOCATION) {
            // A geo: URI is not words: keep it out of the sentiment model's input.
            putIfPresent(attributes, LOCATION, m.text());
            text = placeholder(m.kind());
        } else {
            text = textOf(m.kind(), m.text());
        }
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                messageId(m),
                InteractionType.CHAT_MESSAGE,
                tenant,
                contactId,
                Channel.MESSAGING,
                m.timestampMillis(),
                sourceOf(m.provider(), m.accountId()),
                Speaker.CUSTOMER,
                text,
                null,
                attributes);
    }

    /**
     * A web chat message, as the gateway's conversation log numbered it (visitor, agent or bot).
     *
     * <p>The id derives from the contact, the sender and the client's message id, which is what
     * identifies the message (the log deduplicates by it), not from the number: a gateway that
     * restarts and numbers again from 1 must not make a new message look like an old one.
     */
    public InteractionEvent webChat(String contactId, ConversationLog.Entry e) {
        Objects.requireNonNull(e, "entry");
        Map<String, String> attributes = entryAttributes(e);
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of(
                        WEBCHAT_SOURCE,
                        String.valueOf(contactId),
                        "message",
                        e.sender().role().name(),
                        e.sender().id(),
                        e.clientMessageId()),
                InteractionType.CHAT_MESSAGE,
                tenant,
                contactId,
                Channel.CHAT,
                e.timeMillis(),
                WEBCHAT_SOURCE,
                e.sender().role(),
                e.text(),
                null,
                attributes);
    }

    /**
     * An agent's or bot's reply on WhatsApp or Instagram, as the gateway's conversation log for the
     * contact numbered it: without it the SLA clocks of a messaging contact would never see an
     * answer (the providers' echoes of our own messages are skipped by the parsers). Written when
     * the gateway accepts the reply, whatever the send API later reports (that is a {@link
     * DeliveryReceipt}).
     *
     * @throws IllegalArgumentException for a customer's entry: those arrive as {@link
     *     InboundMessage}s
     */
    public InteractionEvent reply(
            String contactId, Provider provider, String accountId, ConversationLog.Entry e) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(e, "entry");
        if (e.sender().role() == Speaker.CUSTOMER) {
            throw new IllegalArgumentException(
                    "a customer's message on " + provider.id() + " comes from its webhook");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(PROVIDER, provider.id());
        attributes.putAll(entryAttributes(e));
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of(
                        provider.id(),
                        String.valueOf(accountId),
                        String.valueOf(contactId),
                        "reply",
                        e.sender().role().name(),
                        e.sender().id(),
                        e.clientMessageId()),
                InteractionType.CHAT_MESSAGE,
                tenant,
                contactId,
                Channel.MESSAGING,
                e.timeMillis(),
                sourceOf(provider, accountId),
                e.sender().role(),
                e.text(),
                null,
                attributes);
    }

    /**
     * A provider's report about our message, for the contact that message was sent in.
     *
     * @param contactId the contact the gateway recorded when it sent the message with this id, or
     *     null when it knows no such message
     */
    public StatusOutcome status(DeliveryStatus s, String contactId) {
        Objects.requireNonNull(s, "status");
        if (contactId == null || contactId.isBlank()) {
            return new StatusOutcome.UnknownMessage(
                    s, "no message with id " + s.messageId() + " was sent by the gateway");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(PROVIDER, s.provider().id());
        attributes.put(PROVIDER_MESSAGE_ID, s.messageId());
        attributes.put(STATUS, s.status().name().toLowerCase(Locale.ROOT));
        DeliveryError error = s.error();
        if (error != null) {
            attributes.put(ERROR_CODE, Long.toString(error.code()));
            putIfPresent(attributes, ERROR_TITLE, error.title());
            putIfPresent(attributes, ERROR_DETAILS, error.details());
        }
        return new StatusOutcome.Receipt(
                new DeliveryReceipt(
                        EventIds.of(
                                s.provider().id(),
                                "status",
                                s.messageId(),
                                s.status().name().toLowerCase(Locale.ROOT)),
                        tenant,
                        contactId,
                        s.provider(),
                        s.provider().id(),
                        s.messageId(),
                        s.status(),
                        s.timestampMillis(),
                        attributes));
    }

    /**
     * A receipt as the {@code DELIVERY_RECEIPT} interaction it is published as: the receipt's id
     * (stable over provider, message id and state, so a retried status keeps it), tenant, contact,
     * time, source and attributes; channel {@code MESSAGING}; speaker {@code AGENT} (whose message
     * it reports); no text and no language. The SLA clocks and the sentiment job skip it ({@link
     * InteractionType#isTurn()}).
     *
     * @throws IllegalArgumentException when the receipt breaks the envelope rules
     */
    public static InteractionEvent receiptEvent(DeliveryReceipt r) {
        Objects.requireNonNull(r, "receipt");
        if (!r.violations().isEmpty()) {
            throw new IllegalArgumentException("invalid receipt: " + r.violations());
        }
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                r.eventId(),
                InteractionType.DELIVERY_RECEIPT,
                r.tenant(),
                r.contactId(),
                Channel.MESSAGING,
                r.timestampMillis(),
                r.source(),
                Speaker.AGENT,
                null,
                null,
                r.attributes());
    }

    /**
     * The customer identity a message's sender resolves to: WhatsApp's E.164 number as a {@link
     * IdentityKind#WHATSAPP} identity, Instagram's scoped id as an {@link IdentityKind#INSTAGRAM}
     * one, normalised by the customers module's rules (a refusal is an answer, not an exception).
     */
    public static Normalisation senderIdentity(InboundMessage m) {
        return identity(m.provider(), m.senderId());
    }

    /** The identity of a status's recipient, by the same rule as a sender's. */
    public static Normalisation recipientIdentity(DeliveryStatus s) {
        return identity(s.provider(), s.recipientId());
    }

    /** The identity kind a provider's user ids are. */
    public static IdentityKind identityKind(Provider provider) {
        return switch (provider) {
            case WHATSAPP -> IdentityKind.WHATSAPP;
            case INSTAGRAM -> IdentityKind.INSTAGRAM;
        };
    }

    /**
     * The text shown for a message of a kind that has no words of its own, e.g. {@code [image]}.
     */
    public static String placeholder(MessageKind kind) {
        return "[" + kind.name().toLowerCase(Locale.ROOT) + "]";
    }

    /**
     * The stable id of a provider message's event: the provider, our account and the provider's
     * message id, which is unique at the provider and the same in every retry.
     */
    public static String messageId(InboundMessage m) {
        return EventIds.of(m.provider().id(), m.accountId(), "message", m.messageId());
    }

    private static Normalisation identity(Provider provider, String id) {
        return IDENTITIES.normalise(identityKind(provider), id);
    }

    /**
     * {@code whatsapp:<phone_number_id>}, {@code instagram:<account id>}, like {@code ami:pbx1}.
     */
    private static String sourceOf(Provider provider, String accountId) {
        return provider.id() + ":" + accountId;
    }

    private static String textOf(MessageKind kind, String given) {
        boolean hasText = given != null && !given.isBlank();
        return switch (kind) {
            case TEXT, REPLY -> hasText ? given : placeholder(kind);
                // A caption or an emoji follows the placeholder, so the transcript says what it
                // was and sentiment still reads the words.
            default -> hasText ? placeholder(kind) + " " + given : placeholder(kind);
        };
    }

    private static void putIfPresent(Map<String, String> attributes, String name, String value) {
        if (value != null && !value.isBlank()) {
            attributes.put(name, value);
        }
    }

    /** What a conversation log entry adds to its event: its number, client id and agent. */
    private static Map<String, String> entryAttributes(ConversationLog.Entry e) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SEQ, Long.toString(e.seq()));
        attributes.put(CLIENT_MESSAGE_ID, e.clientMessageId());
        if (e.sender().role() == Speaker.AGENT) {
            attributes.put(AGENT_ID, e.sender().id());
        }
        return attributes;
    }
}
