package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringstream.channels.ChannelEvents;
import io.ringstream.channels.ServiceWindow;
import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.conversation.Sender;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MessageKind;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.WidgetConfig;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.providers.OutboundReply;
import io.ringstream.gateway.providers.ProviderInbound;
import io.ringstream.gateway.providers.ProviderOutbound;
import io.ringstream.gateway.providers.ReceiptEvents;
import io.ringstream.gateway.providers.SendOutcome;
import io.ringstream.gateway.routing.ChatRouteRequest;
import io.ringstream.gateway.routing.Routing;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.security.Caller;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversations the gateway holds and the rules of their life (docs/channels.md, "Gateway"): a
 * visitor's start queues a contact and routes it; the ACCEPTED assignment brings the agent in;
 * messages are numbered by each conversation's {@link ConversationLog} and published as events; a
 * close by either side or by idleness ends it, a visitor who leaves before any agent joined
 * abandons it. WhatsApp and Instagram customers' messages arrive through {@link ProviderInbound}.
 *
 * <p>Never blocks its caller (a Netty event loop): routing calls run on {@code routingExecutor},
 * events go through the {@link EventSink}, sends to peers do not block.
 *
 * <p>State lifetime: conversations from start until closed plus {@link
 * ChatLimits#closedRetention()}, dropped by {@link #sweep}; agents' connections while open; the
 * provider message ids of sent replies (for receipts), the newest {@value #SENT_IDS} only.
 */
public final class ConversationHub implements ProviderInbound {
    static final int SENT_IDS = 10_000;

    /** How many provider message ids with early statuses are held (see {@link #early}). */
    static final int EARLY_STATUSES = 1_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConversationHub.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final WidgetConfig widgets;
    private final Map<String, String> providerQueues;
    private final ChatLimits limits;
    private static final ReceiptEvents RECEIPTS = new ReceiptEvents();

    private final EventSink events;
    private final Routing routing;
    private final Executor routingExecutor;
    private final LongSupplier clock;
    private volatile ProviderOutbound outbound;

    private final Map<String, Conversation> byId = new ConcurrentHashMap<>();
    private final Map<String, Conversation> byToken = new ConcurrentHashMap<>();

    /** Open messaging conversations by tenant, provider, account and customer. */
    private final Map<String, Conversation> byCustomer = new ConcurrentHashMap<>();

    /** Agents' connections by tenant and agent id; an agent may have several tabs. */
    private final Map<String, Set<Peer>> agents = new ConcurrentHashMap<>();

    /** A reply the gateway sent, by the provider's message id: for receipts. */
    private record SentReply(String conversationId, long seq) {}

    /** The newest SENT_IDS sent replies; guarded by itself. */
    private final Map<String, SentReply> sent =
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, SentReply> eldest) {
                    return size() > SENT_IDS;
                }
            };

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

    /**
     * @param providerQueues the queue of each messaging account ({@code provider:accountId}), with
     *     {@code "*"} as the fallback
     */
    public ConversationHub(
            WidgetConfig widgets,
            Map<String, String> providerQueues,
            ChatLimits limits,
            EventSink events,
            Routing routing,
            Executor routingExecutor,
            LongSupplier clock,
            MeterRegistry metrics) {
        this.widgets = widgets;
        this.providerQueues = Map.copyOf(providerQueues);
        this.limits = limits;
        this.events = events;
        this.routing = routing;
        this.routingExecutor = routingExecutor;
        this.clock = clock;
        Gauge.builder("ringstream.gateway.conversations", this, h -> h.openConversations())
                .description("conversations not closed")
                .register(metrics);
    }

    /** The providers' send APIs, once wired; null while there are none. */
    public void outbound(ProviderOutbound outbound) {
        this.outbound = outbound;
    }

    long openConversations() {
        return byId.values().stream().filter(c -> !c.closed).count();
    }

    // ---- visitors -------------------------------------------------------------------------

    /** What a visitor's start gave: its conversation, or a refusal to send as an error frame. */
    public sealed interface Started {
        record Ok(String conversationId, String token) implements Started {}

        record Refused(String code, String message) implements Started {}
    }

    /** Opens a web chat conversation for a visitor connection and routes it. */
    public Started start(Peer visitor, String widgetName, String topicName, Visitor who) {
        Optional<WidgetConfig.Widget> widget =
                widgets.widget(widgetName == null ? "demo" : widgetName);
        if (widget.isEmpty()) {
            return new Started.Refused("unknown-widget", "no widget '" + widgetName + "'");
        }
        Optional<WidgetConfig.Topic> topic = widget.get().topic(topicName);
        if (topic.isEmpty()) {
            return new Started.Refused("unknown-topic", "no topic '" + topicName + "'");
        }
        if (byId.size() >= limits.maxSessions()) {
            return new Started.Refused("busy", "too many conversations, try again later");
        }
        long now = clock.getAsLong();
        String token = randomToken();
        Conversation c =
                new Conversation(
                        "chat-" + randomToken().substring(0, 22),
                        widget.get().tenant(),
                        Channel.CHAT,
                        null,
                        token,
                        topic.get().queue(),
                        who.name(),
                        who.email(),
                        who.phone(),
                        null,
                        null,
                        ConversationLog.keeping(limits.historyEntries()),
                        now);
        c.visitor = visitor;
        byId.put(c.id, c);
        byToken.put(token, c);
        events.publish(Topics.CONTACT_EVENTS, ContactEvents.queued(c, now));
        route(c, topic.get().skills(), who.language(), visitorIdentity(who));
        return new Started.Ok(c.id, token);
    }

    /** Who a visitor says they are; all optional. */
    public record Visitor(String name, String email, String phone, String language) {}

    /** A visitor connection comes back with its session token. False: unknown session. */
    public boolean resumeVisitor(Peer visitor, String token, long lastSeq, String ref) {
        Conversation c = token == null ? null : byToken.get(token);
        if (c == null) {
            return false;
        }
        synchronized (c) {
            Peer previous = c.visitor;
            c.visitor = visitor;
            c.visitorLeftAt = 0;
            if (previous != null && previous != visitor) {
                previous.close(4409, "resumed elsewhere");
            }
            ObjectNode resumed =
                    ServerFrames.of("resumed").put("conversationId", c.id).put("closed", c.closed);
            if (c.agentId == null) {
                resumed.putNull("agent");
            } else {
                resumed.set("agent", ServerFrames.agent(c.agentId));
            }
            visitor.send(resumed);
            replay(c, visitor, lastSeq);
        }
        return true;
    }

    /** The conversation a visitor session token belongs to, if any. */
    public Optional<String> conversationOf(String token) {
        Conversation c = token == null ? null : byToken.get(token);
        return c == null ? Optional.empty() : Optional.of(c.id);
    }

    public void visitorSend(String token, String clientId, String text, String ref) {
        Conversation c = byToken.get(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (refuseClosed(c, c.visitor, ref)) {
                return;
            }
            long now = clock.getAsLong();
            ConversationLog.Appended appended =
                    c.log.append(clientId, Sender.visitor(c.id), text, now);
            ack(c.visitor, clientId, appended, ref);
            if (appended instanceof ConversationLog.Appended.Accepted a) {
                c.lastActivity = now;
                events.publish(
                        Topics.INTERACTIONS, new ChannelEvents(c.tenant).webChat(c.id, a.entry()));
                broadcast(c, ServerFrames.message(c.id, a.entry(), null));
            }
        }
    }

    public void visitorTyping(String token) {
        Conversation c = byToken.get(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed && c.typing.allow(Sender.visitor(c.id), clock.getAsLong())) {
                toAgent(c, typing(c, "VISITOR"));
            }
        }
    }

    public void visitorRead(String token, long seq) {
        Conversation c = byToken.get(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed && seq <= c.log.lastSeq()) {
                toAgent(c, read(c, "VISITOR", seq));
            }
        }
    }

    public void visitorClose(String token) {
        Conversation c = byToken.get(token);
        if (c != null) {
            close(c, "VISITOR");
        }
    }

    /** The visitor's connection went away; the conversation waits for it to resume. */
    public void visitorGone(String token, Peer visitor) {
        Conversation c = token == null ? null : byToken.get(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (c.visitor == visitor) {
                c.visitor = null;
                c.visitorLeftAt = clock.getAsLong();
            }
        }
    }

    // ---- agents ---------------------------------------------------------------------------

    /** An agent connection proved itself: welcome it and send its open conversations. */
    public void agentJoined(Caller agent, Peer peer) {
        agents.computeIfAbsent(
                        agentKey(agent.tenant(), agent.subject()),
                        k -> ConcurrentHashMap.newKeySet())
                .add(peer);
        peer.send(
                ServerFrames.of("welcome")
                        .put("agentId", agent.subject())
                        .put("tenant", agent.tenant()));
        for (Conversation c : byId.values()) {
            synchronized (c) {
                if (!c.closed && c.assignedTo(agent.tenant(), agent.subject())) {
                    peer.send(conversationFrame(c));
                }
            }
        }
    }

    public void agentGone(Caller agent, Peer peer) {
        agents.computeIfPresent(
                agentKey(agent.tenant(), agent.subject()),
                (k, peers) -> {
                    peers.remove(peer);
                    return peers.isEmpty() ? null : peers;
                });
    }

    public void agentSend(
            Caller agent,
            Peer peer,
            String conversationId,
            String clientId,
            String text,
            String ref) {
        Conversation c = agentConversation(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (refuseClosed(c, peer, ref)) {
                return;
            }
            ProviderOutbound send = outbound;
            if (c.provider != null && send == null) {
                peer.send(refused(c, clientId, "provider not configured"));
                return;
            }
            long now = clock.getAsLong();
            ConversationLog.Appended appended =
                    c.log.append(clientId, Sender.agent(agent.subject()), text, now);
            ack(peer, clientId, appended, ref);
            if (!(appended instanceof ConversationLog.Appended.Accepted a)) {
                return;
            }
            c.lastActivity = now;
            ChannelEvents mapper = new ChannelEvents(c.tenant);
            if (c.provider == null) {
                events.publish(Topics.INTERACTIONS, mapper.webChat(c.id, a.entry()));
            } else {
                events.publish(
                        Topics.INTERACTIONS,
                        mapper.reply(c.id, c.provider, c.accountId, a.entry()));
                sendToProvider(c, send, a.entry());
            }
            broadcast(c, ServerFrames.message(c.id, a.entry(), null));
        }
    }

    public void agentTyping(Caller agent, Peer peer, String conversationId, String ref) {
        Conversation c = agentConversation(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed
                    && c.visitor != null
                    && c.typing.allow(Sender.agent(agent.subject()), clock.getAsLong())) {
                c.visitor.send(typing(c, "AGENT"));
            }
        }
    }

    public void agentRead(Caller agent, Peer peer, String conversationId, long seq, String ref) {
        Conversation c = agentConversation(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed && c.visitor != null && seq <= c.log.lastSeq()) {
                c.visitor.send(read(c, "AGENT", seq));
            }
        }
    }

    public void agentClose(Caller agent, Peer peer, String conversationId, String ref) {
        Conversation c = agentConversation(agent, peer, conversationId, ref);
        if (c != null) {
            close(c, "AGENT");
        }
    }

    public void agentResume(
            Caller agent, Peer peer, String conversationId, long lastSeq, String ref) {
        Conversation c = agentConversation(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            replay(c, peer, lastSeq);
        }
    }

    private Conversation agentConversation(
            Caller agent, Peer peer, String conversationId, String ref) {
        Conversation c = conversationId == null ? null : byId.get(conversationId);
        if (c == null || !c.assignedTo(agent.tenant(), agent.subject())) {
            // The same answer whether it does not exist or is someone else's: nothing leaks.
            peer.send(
                    ServerFrames.error(
                            "unknown-conversation",
                            "no conversation '" + conversationId + "' is assigned to you",
                            ref));
            return null;
        }
        return c;
    }

    // ---- routing-assignments --------------------------------------------------------------

    /** An assignment read from Kafka; only those of conversations this gateway holds matter. */
    public void onAssignment(Assignment a) {
        Conversation c = byId.get(a.contactId());
        if (c == null || !c.tenant.equals(a.tenant())) {
            return;
        }
        long now = clock.getAsLong();
        synchronized (c) {
            if (c.closed) {
                return;
            }
            if (a.customerId() != null && c.customerId == null) {
                identified(c, a.customerId(), now);
            }
            if (a.type() != AssignmentType.ACCEPTED || a.agentId().equals(c.agentId)) {
                return;
            }
            String previous = c.agentId;
            boolean first = previous == null;
            if (!first) {
                // A transfer: the previous agent no longer sees the conversation.
                toAgent(
                        c,
                        ServerFrames.of("closed")
                                .put("conversationId", c.id)
                                .put("by", "TRANSFER"));
                if (c.visitor != null) {
                    c.visitor.send(ServerFrames.of("agent_left"));
                }
            }
            c.agentId = a.agentId();
            if (first) {
                c.answeredAt = now;
                events.publish(Topics.CONTACT_EVENTS, ContactEvents.answered(c, now));
            }
            c.lastActivity = now;
            if (c.visitor != null) {
                c.visitor.send(
                        ServerFrames.of("agent_joined")
                                .set("agent", ServerFrames.agent(c.agentId)));
            }
            toAgent(c, conversationFrame(c));
        }
    }

    // ---- providers ------------------------------------------------------------------------

    @Override
    public void message(String tenant, InboundMessage m) {
        long now = clock.getAsLong();
        String key =
                String.join("\u001f", tenant, m.provider().name(), m.accountId(), m.senderId());
        Conversation c =
                byCustomer.compute(
                        key,
                        (k, open) ->
                                open != null && !open.closed
                                        ? open
                                        : openMessaging(tenant, m, now));
        ChannelEvents mapper = new ChannelEvents(tenant);
        synchronized (c) {
            String text = mapper.message(m, c.id).text();
            ConversationLog.Appended appended =
                    c.log.append(
                            m.messageId(),
                            new Sender(io.ringstream.events.Speaker.CUSTOMER, m.senderId()),
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
            toAgent(c, ServerFrames.message(c.id, a.entry(), kind));
        }
    }

    /**
     * Forwards a delivery status of a reply the gateway sent to the conversation's agent as a
     * {@code receipt} frame. Publishing statuses as events is the providers' side's (B) decision:
     * nothing is published here.
     */
    @Override
    public void status(String tenant, DeliveryStatus s) {
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
        Conversation c = reply == null ? null : byId.get(reply.conversationId());
        if (c == null || !c.tenant.equals(tenant)) {
            return;
        }
        synchronized (c) {
            ObjectNode receipt =
                    ServerFrames.of("receipt")
                            .put("conversationId", c.id)
                            .put("status", s.status().name().toLowerCase(Locale.ROOT));
            receipt.put("seq", reply.seq());
            toAgent(c, receipt);
        }
        // The receipt is a DELIVERY_RECEIPT interaction: no conversation turn, so the SLA clocks
        // and sentiment skip it, while the transcript keeps what became of each reply.
        events.publish(Topics.INTERACTIONS, RECEIPTS.receipt(tenant, s, c.id));
    }

    private Conversation openMessaging(String tenant, InboundMessage m, long now) {
        String queue =
                providerQueues.getOrDefault(
                        m.provider().id() + ":" + m.accountId(),
                        providerQueues.getOrDefault("*", "sales"));
        Conversation c =
                new Conversation(
                        m.provider().id() + "-" + randomToken().substring(0, 22),
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
        byId.put(c.id, c);
        events.publish(Topics.CONTACT_EVENTS, ContactEvents.queued(c, now));
        ChatRouteRequest.Identity identity = null;
        if (ChannelEvents.senderIdentity(m) instanceof Normalisation.Accepted accepted) {
            identity =
                    new ChatRouteRequest.Identity(
                            accepted.kind().name(), accepted.value(), m.senderName());
        }
        route(c, Map.of(), null, identity);
        return c;
    }

    private void sendToProvider(Conversation c, ProviderOutbound send, ConversationLog.Entry e) {
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
                            if (outcome instanceof SendOutcome.Sent sent) {
                                SentReply sentReply = new SentReply(c.id, e.seq());
                                List<EarlyStatus> waiting;
                                synchronized (this.sent) {
                                    this.sent.put(sent.providerMessageId(), sentReply);
                                    waiting = early.remove(sent.providerMessageId());
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
                                toAgent(
                                        c,
                                        refused(c, e.clientMessageId(), reason)
                                                .put("seq", e.seq()));
                            }
                        });
    }

    // ---- life -----------------------------------------------------------------------------

    /**
     * Closes what has been idle, abandons web chats whose visitor did not come back in time, and
     * forgets conversations closed longer than the retention. Called every second by the gateway.
     */
    public void sweep() {
        long now = clock.getAsLong();
        List<Conversation> forget = new ArrayList<>();
        for (Conversation c : byId.values()) {
            String by = null;
            synchronized (c) {
                if (c.closed) {
                    if (now - c.closedAt >= limits.closedRetention().toMillis()) {
                        forget.add(c);
                    }
                } else if (c.provider == null
                        && c.visitor == null
                        && c.agentId == null
                        && now - c.visitorLeftAt >= limits.resumeGrace().toMillis()) {
                    by = "VISITOR";
                } else if (now - c.lastActivity >= limits.conversationIdle().toMillis()) {
                    by = "IDLE";
                }
            }
            if (by != null) {
                close(c, by);
            }
        }
        for (Conversation c : forget) {
            byId.remove(c.id);
            if (c.token != null) {
                byToken.remove(c.token);
            }
        }
    }

    /** Closes a conversation once: tells both sides, publishes its end, tells routing-service. */
    void close(Conversation c, String by) {
        long now = clock.getAsLong();
        synchronized (c) {
            if (c.closed) {
                return;
            }
            c.closed = true;
            c.closedBy = by;
            c.closedAt = now;
            ObjectNode closed = ServerFrames.of("closed").put("conversationId", c.id).put("by", by);
            broadcast(c, closed);
            if (c.provider != null) {
                byCustomer.remove(
                        String.join("\u001f", c.tenant, c.provider.name(), c.accountId, c.senderId),
                        c);
            }
            if ("SYSTEM".equals(by)) {
                events.publish(
                        Topics.CONTACT_EVENTS, ContactEvents.ended(c, now, "routing-failed"));
                return;
            }
            boolean answered = c.agentId != null;
            if (!answered) {
                events.publish(Topics.CONTACT_EVENTS, ContactEvents.abandoned(c, now));
            }
            events.publish(
                    Topics.CONTACT_EVENTS,
                    ContactEvents.ended(c, now, "closed-by-" + by.toLowerCase(Locale.ROOT)));
            String tenant = c.tenant;
            String id = c.id;
            c.routing =
                    c.routing
                            .thenRunAsync(
                                    () -> {
                                        if (answered) {
                                            routing.end(tenant, id);
                                        } else {
                                            routing.abandon(tenant, id);
                                        }
                                    },
                                    routingExecutor)
                            .exceptionally(
                                    e -> {
                                        LOG.warn(
                                                "Telling routing-service {} of {} failed: {}",
                                                answered ? "the end" : "the abandon",
                                                id,
                                                e.toString());
                                        return null;
                                    });
        }
    }

    private void route(
            Conversation c,
            Map<String, Integer> skills,
            String language,
            ChatRouteRequest.Identity identity) {
        ChatRouteRequest request =
                new ChatRouteRequest(
                        c.tenant,
                        c.id,
                        c.queue,
                        c.channel,
                        skills.isEmpty() ? null : skills,
                        language,
                        0L,
                        identity);
        synchronized (c) {
            c.routing =
                    c.routing
                            .thenRunAsync(() -> routed(c, routing.route(request)), routingExecutor)
                            .exceptionally(
                                    e -> {
                                        LOG.warn("Routing {} failed: {}", c.id, e.toString());
                                        synchronized (c) {
                                            if (c.visitor != null) {
                                                c.visitor.send(
                                                        ServerFrames.error(
                                                                "unavailable",
                                                                "no agent can be reached now",
                                                                null));
                                            }
                                        }
                                        close(c, "SYSTEM");
                                        return null;
                                    });
        }
    }

    private void routed(Conversation c, RouteAnswer answer) {
        synchronized (c) {
            if (answer.customerId() != null && c.customerId == null && !c.closed) {
                identified(c, answer.customerId(), clock.getAsLong());
            }
        }
    }

    private void identified(Conversation c, String customerId, long now) {
        c.customerId = customerId;
        events.publish(Topics.CONTACT_EVENTS, ContactEvents.identified(c, now));
    }

    // ---- frames ---------------------------------------------------------------------------

    private void replay(Conversation c, Peer peer, long lastSeq) {
        ConversationLog.Resume resume = c.log.after(lastSeq);
        List<ConversationLog.Entry> entries;
        if (resume instanceof ConversationLog.Resume.Resync r) {
            peer.send(
                    ServerFrames.of("resync")
                            .put("conversationId", c.id)
                            .put("reason", r.reason().name())
                            .put("fromSeq", r.fromSeq()));
            entries = r.entries();
        } else {
            entries = ((ConversationLog.Resume.Continue) resume).entries();
        }
        for (ConversationLog.Entry e : entries) {
            peer.send(ServerFrames.message(c.id, e, c.kinds.get(e.seq())));
        }
    }

    private ObjectNode conversationFrame(Conversation c) {
        ObjectNode frame =
                ServerFrames.of("conversation")
                        .put("conversationId", c.id)
                        .put("channel", c.channel.name())
                        .put("provider", c.providerName());
        if (c.customerId != null) {
            frame.put("customerId", c.customerId);
        }
        ObjectNode visitor = frame.putObject("visitor");
        visitor.put("name", c.name).put("email", c.email).put("phone", c.phone);
        frame.put("closed", c.closed);
        ConversationLog.Resume all = c.log.after(0);
        List<ConversationLog.Entry> entries =
                all instanceof ConversationLog.Resume.Resync r
                        ? r.entries()
                        : ((ConversationLog.Resume.Continue) all).entries();
        ArrayNode messages = frame.putArray("messages");
        entries.forEach(e -> messages.add(ServerFrames.message(c.id, e, c.kinds.get(e.seq()))));
        return frame;
    }

    private boolean refuseClosed(Conversation c, Peer peer, String ref) {
        if (c.closed) {
            if (peer != null) {
                peer.send(ServerFrames.error("closed", "the conversation is closed", ref));
            }
            return true;
        }
        return false;
    }

    private static void ack(Peer peer, String clientId, ConversationLog.Appended a, String ref) {
        if (peer == null) {
            return;
        }
        ObjectNode ack =
                ServerFrames.of("ack")
                        .put("clientId", clientId)
                        .put("seq", a.seq())
                        .put("duplicate", a instanceof ConversationLog.Appended.Duplicate);
        if (ref != null) {
            ack.put("ref", ref);
        }
        peer.send(ack);
    }

    private static ObjectNode refused(Conversation c, String clientId, String reason) {
        return ServerFrames.of("refused")
                .put("conversationId", c.id)
                .put("clientId", clientId)
                .put("reason", reason);
    }

    private static ObjectNode typing(Conversation c, String from) {
        return ServerFrames.of("typing").put("conversationId", c.id).put("from", from);
    }

    private static ObjectNode read(Conversation c, String by, long seq) {
        return ServerFrames.of("read").put("conversationId", c.id).put("by", by).put("seq", seq);
    }

    /** To the visitor and the assigned agent's connections. Caller holds the lock. */
    private void broadcast(Conversation c, ObjectNode frame) {
        if (c.visitor != null) {
            c.visitor.send(frame);
        }
        toAgent(c, frame);
    }

    private void toAgent(Conversation c, ObjectNode frame) {
        if (c.agentId == null) {
            return;
        }
        Set<Peer> peers = agents.get(agentKey(c.tenant, c.agentId));
        if (peers != null) {
            peers.forEach(p -> p.send(frame));
        }
    }

    private static ChatRouteRequest.Identity visitorIdentity(Visitor who) {
        if (who.email() != null && !who.email().isBlank()) {
            return new ChatRouteRequest.Identity("EMAIL", who.email().trim(), who.name());
        }
        if (who.phone() != null && !who.phone().isBlank()) {
            return new ChatRouteRequest.Identity("PHONE", who.phone().trim(), who.name());
        }
        return null;
    }

    private static String agentKey(String tenant, String agentId) {
        return tenant + "\u001f" + agentId;
    }

    /** 32 random bytes, base64url without padding: an unguessable session token. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
