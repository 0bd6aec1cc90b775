package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringstream.channels.ChannelEvents;
import io.ringstream.channels.ServiceWindow;
import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.conversation.Sender;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.events.Channel;
import io.ringstream.events.Speaker;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.providers.OutboundReply;
import io.ringstream.gateway.providers.ProviderOutbound;
import io.ringstream.gateway.providers.ReceiptEvents;
import io.ringstream.gateway.providers.SendOutcome;
import io.ringstream.routing.contract.ChannelIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * WhatsApp and Instagram conversations: a customer's message joins their open conversation or opens
 * one (routed to the account's queue, with the sender as its identity); an agent's reply goes out
 * through the provider's send API ({@link ProviderOutbound}), a refusal or failure comes back to
 * the agent as a {@code refused} frame, and the provider's delivery statuses of sent replies come
 * back as {@code receipt} frames and DELIVERY_RECEIPT interactions.
 *
 * <p>State lifetime: the provider message ids of sent replies (to match receipts), the newest
 * {@value #SENT_IDS} only, guarded by the map's own lock; the send API, once wired, for the
 * gateway's life. Conversation state changes under the conversation's lock.
 */
final class ProviderConversations {
    static final int SENT_IDS = 10_000;
    private static final ReceiptEvents RECEIPTS = new ReceiptEvents();

    private final Map<String, String> providerQueues;
    private final ChatLimits limits;
    private final Conversations conversations;
    private final AgentConnections agents;
    private final ContactLifecycle lifecycle;
    private final EventSink events;
    private final LongSupplier clock;
    private volatile ProviderOutbound outbound;

    /** A reply the gateway sent, by the provider's message id: for receipts. */
    private record SentReply(String conversationId, long seq) {}

    /** How many provider message ids with early statuses are held (see {@link #early}). */
    static final int EARLY_STATUSES = 1_000;

    /** A provider status that arrived before the answer to the send call it reports on. */
    private record EarlyStatus(String tenant, DeliveryStatus status) {}

    /**
     * Statuses of provider message ids not (yet) in {@link #sent}: Meta may report "sent" before
     * our send call has its answer, and the webhook's dedupe would drop a redelivery. Held until
     * that answer names the id (then forwarded), the newest {@value #EARLY_STATUSES} ids only (a
     * status of a message another tool sent stays until pushed out); guarded by {@link #sent}.
     */
    private final Map<String, List<EarlyStatus>> early =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<EarlyStatus>> eldest) {
                    return size() > EARLY_STATUSES;
                }
            };

    /** The newest SENT_IDS sent replies; guarded by itself. */
    private final Map<String, SentReply> sent =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SentReply> eldest) {
                    return size() > SENT_IDS;
                }
            };

    ProviderConversations(
            Map<String, String> providerQueues,
            ChatLimits limits,
            Conversations conversations,
            AgentConnections agents,
            ContactLifecycle lifecycle,
            EventSink events,
            LongSupplier clock) {
        this.providerQueues = Map.copyOf(providerQueues);
        this.limits = limits;
        this.conversations = conversations;
        this.agents = agents;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    void outbound(ProviderOutbound outbound) {
        this.outbound = outbound;
    }

    /** The providers' send APIs; null while none are wired. */
    ProviderOutbound outbound() {
        return outbound;
    }

    void message(String tenant, InboundMessage m) {
        long now = clock.getAsLong();
        Conversation c = conversations.ofCustomer(tenant, m, () -> open(tenant, m, now));
        ChannelEvents mapper = new ChannelEvents(tenant);
        synchronized (c) {
            String text = mapper.message(m, c.id).text();
            ConversationLog.Appended appended =
                    c.log.append(
                            m.messageId(),
                            new Sender(Speaker.CUSTOMER, m.senderId()),
                            text,
                            m.timestampMillis());
            if (!(appended instanceof ConversationLog.Appended.Accepted a)) {
                return; // a provider's retry of a message already numbered
            }
            c.lastActivity = now;
            c.lastInboundMillis =
                    c.lastInboundMillis == null
                            ? m.timestampMillis()
                            : Math.max(c.lastInboundMillis, m.timestampMillis());
            String kind = m.kind() == MessageKind.TEXT ? null : m.kind().name();
            if (kind != null) {
                c.kinds.put(a.entry().seq(), kind);
                // Only for what the log still keeps.
                c.kinds.keySet().removeIf(seq -> seq < c.log.firstKept());
            }
            events.publish(Topics.INTERACTIONS, mapper.message(m, c.id, a.entry().seq()));
            agents.toAgent(c, ServerFrames.message(c.id, a.entry(), kind));
        }
    }

    /**
     * Forwards a delivery status of a reply the gateway sent to the conversation's agent as a
     * {@code receipt} frame, and publishes it as a DELIVERY_RECEIPT interaction.
     */
    void status(String tenant, DeliveryStatus s) {
        SentReply reply;
        synchronized (sent) {
            reply = sent.get(s.messageId());
            if (reply == null) {
                early.computeIfAbsent(s.messageId(), id -> new ArrayList<>())
                        .add(new EarlyStatus(tenant, s));
                return;
            }
        }
        receipt(tenant, s, reply);
    }

    private void receipt(String tenant, DeliveryStatus s, SentReply reply) {
        Conversation c = conversations.byId(reply.conversationId());
        if (c == null || !c.tenant.equals(tenant)) {
            return;
        }
        synchronized (c) {
            ObjectNode receipt =
                    ServerFrames.of("receipt")
                            .put("conversationId", c.id)
                            .put("status", s.status().name().toLowerCase(Locale.ROOT));
            receipt.put("seq", reply.seq());
            agents.toAgent(c, receipt);
        }
        // The receipt is a DELIVERY_RECEIPT interaction: no conversation turn, so the SLA clocks
        // and sentiment skip it, while the transcript keeps what became of each reply.
        events.publish(Topics.INTERACTIONS, RECEIPTS.receipt(tenant, s, c.id));
    }

    /**
     * Sends an agent's reply through the provider; remembers its provider id for receipts, or tells
     * the agent why it did not go. Caller holds {@code c}'s lock; the outcome arrives later.
     */
    void send(Conversation c, ProviderOutbound send, ConversationLog.Entry e) {
        OutboundReply reply =
                new OutboundReply(
                        c.tenant,
                        c.provider,
                        c.accountId,
                        c.senderId,
                        c.id,
                        e.clientMessageId(),
                        e.text(),
                        Optional.ofNullable(c.lastInboundMillis),
                        ServiceWindow.Author.HUMAN_AGENT);
        send.send(reply)
                .whenComplete(
                        (outcome, error) -> {
                            if (outcome instanceof SendOutcome.Sent ok) {
                                SentReply sentReply = new SentReply(c.id, e.seq());
                                List<EarlyStatus> waiting;
                                synchronized (sent) {
                                    sent.put(ok.providerMessageId(), sentReply);
                                    waiting = early.remove(ok.providerMessageId());
                                }
                                if (waiting != null) {
                                    waiting.forEach(
                                            w -> receipt(w.tenant(), w.status(), sentReply));
                                }
                                return;
                            }
                            String reason =
                                    outcome instanceof SendOutcome.Refused r
                                            ? r.reason()
                                            : outcome instanceof SendOutcome.Failed f
                                                    ? f.reason()
                                                    : "the send failed: " + error;
                            synchronized (c) {
                                agents.toAgent(
                                        c,
                                        ConversationFrames.refused(c, e.clientMessageId(), reason)
                                                .put("seq", e.seq()));
                            }
                        });
    }

    /** A new customer's conversation, routed to its account's queue. */
    private Conversation open(String tenant, InboundMessage m, long now) {
        String queue =
                providerQueues.getOrDefault(
                        m.provider().id() + ":" + m.accountId(),
                        providerQueues.getOrDefault("*", "sales"));
        Conversation c =
                new Conversation(
                        m.provider().id() + "-" + Conversations.randomToken().substring(0, 22),
                        tenant,
                        Channel.MESSAGING,
                        m.provider(),
                        null,
                        queue,
                        m.senderName(),
                        null,
                        null,
                        m.accountId(),
                        m.senderId(),
                        ConversationLog.keeping(limits.historyEntries()),
                        now);
        ChannelIdentity identity = null;
        if (ChannelEvents.senderIdentity(m) instanceof Normalisation.Accepted accepted) {
            identity =
                    new ChannelIdentity(accepted.kind().name(), accepted.value(), m.senderName());
        }
        lifecycle.open(c, Map.of(), null, identity, now);
        return c;
    }
}
