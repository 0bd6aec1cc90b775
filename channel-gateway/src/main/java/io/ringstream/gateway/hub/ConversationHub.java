package io.ringstream.gateway.hub;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.events.Assignment;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.WidgetConfig;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.providers.ProviderInbound;
import io.ringstream.gateway.providers.ProviderOutbound;
import io.ringstream.gateway.routing.Routing;
import io.ringstream.security.Caller;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The one door of the gateway's conversations (docs/channels.md, "Gateway"), which the WebSocket
 * connections, the webhooks, the assignments reader and the sweeper call. It only wires and
 * delegates to the parts that hold the rules:
 *
 * <ul>
 *   <li>{@link WebChatSessions}: a visitor's start, session token, resume and frames;
 *   <li>{@link AgentDesks}: what an agent's desktop may do in the conversations assigned to it;
 *   <li>{@link ProviderConversations}: WhatsApp and Instagram messages, replies and receipts;
 *   <li>{@link ContactLifecycle}: each conversation as a contact, its routing calls, assignments,
 *       close, idleness and retention;
 *   <li>{@link Conversations} and {@link AgentConnections}: where conversations and agents'
 *       connections are found.
 * </ul>
 *
 * <p>Never blocks its caller (a Netty event loop): routing calls run on {@code routingExecutor},
 * events go through the {@link EventSink}, sends to peers do not block.
 *
 * <p>State lifetime: conversations from start until closed plus {@link
 * ChatLimits#closedRetention()}, dropped by {@link #sweep}; agents' connections while open; the
 * provider message ids of sent replies (for receipts), the newest {@value
 * ProviderConversations#SENT_IDS} only. Locking: each {@link Conversation} is guarded by its own
 * lock, taken by whichever thread touches it (connections, assignments reader, sweeper, send
 * outcomes); the indexes are concurrent maps and need no lock.
 */
public final class ConversationHub implements ProviderInbound {
    private final Conversations conversations = new Conversations();
    private final WebChatSessions visitors;
    private final AgentDesks desks;
    private final ProviderConversations providers;
    private final ContactLifecycle lifecycle;

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
        AgentConnections agents = new AgentConnections();
        this.lifecycle =
                new ContactLifecycle(
                        conversations, agents, limits, events, routing, routingExecutor, clock);
        this.visitors =
                new WebChatSessions(
                        widgets, limits, conversations, agents, lifecycle, events, clock);
        this.providers =
                new ProviderConversations(
                        providerQueues, limits, conversations, agents, lifecycle, events, clock);
        this.desks = new AgentDesks(conversations, agents, lifecycle, providers, events, clock);
        Gauge.builder("ringstream.gateway.conversations", this, h -> h.openConversations())
                .description("conversations not closed")
                .register(metrics);
    }

    /** The providers' send APIs, once wired; null while there are none. */
    public void outbound(ProviderOutbound outbound) {
        providers.outbound(outbound);
    }

    long openConversations() {
        return conversations.open();
    }

    // ---- visitors -------------------------------------------------------------------------

    /** What a visitor's start gave: its conversation, or a refusal to send as an error frame. */
    public sealed interface Started {
        record Ok(String conversationId, String token) implements Started {}

        record Refused(String code, String message) implements Started {}
    }

    /** Who a visitor says they are; all optional. */
    public record Visitor(String name, String email, String phone, String language) {}

    /** Opens a web chat conversation for a visitor connection and routes it. */
    public Started start(Peer visitor, String widgetName, String topicName, Visitor who) {
        return visitors.start(visitor, widgetName, topicName, who);
    }

    /** A visitor connection comes back with its session token. False: unknown session. */
    public boolean resumeVisitor(Peer visitor, String token, long lastSeq, String ref) {
        return visitors.resume(visitor, token, lastSeq);
    }

    /** The conversation a visitor session token belongs to, if any. */
    public Optional<String> conversationOf(String token) {
        return visitors.conversationOf(token);
    }

    public void visitorSend(String token, String clientId, String text, String ref) {
        visitors.send(token, clientId, text, ref);
    }

    public void visitorTyping(String token) {
        visitors.typing(token);
    }

    public void visitorRead(String token, long seq) {
        visitors.read(token, seq);
    }

    public void visitorClose(String token) {
        visitors.close(token);
    }

    /** The visitor's connection went away; the conversation waits for it to resume. */
    public void visitorGone(String token, Peer visitor) {
        visitors.gone(token, visitor);
    }

    // ---- agents ---------------------------------------------------------------------------

    /** An agent connection proved itself: welcome it and send its open conversations. */
    public void agentJoined(Caller agent, Peer peer) {
        desks.joined(agent, peer);
    }

    public void agentGone(Caller agent, Peer peer) {
        desks.gone(agent, peer);
    }

    public void agentSend(
            Caller agent,
            Peer peer,
            String conversationId,
            String clientId,
            String text,
            String ref) {
        desks.send(agent, peer, conversationId, clientId, text, ref);
    }

    public void agentTyping(Caller agent, Peer peer, String conversationId, String ref) {
        desks.typing(agent, peer, conversationId, ref);
    }

    public void agentRead(Caller agent, Peer peer, String conversationId, long seq, String ref) {
        desks.read(agent, peer, conversationId, seq, ref);
    }

    public void agentClose(Caller agent, Peer peer, String conversationId, String ref) {
        desks.close(agent, peer, conversationId, ref);
    }

    public void agentResume(
            Caller agent, Peer peer, String conversationId, long lastSeq, String ref) {
        desks.resume(agent, peer, conversationId, lastSeq, ref);
    }

    // ---- routing-assignments --------------------------------------------------------------

    /** An assignment read from Kafka; only those of conversations this gateway holds matter. */
    public void onAssignment(Assignment a) {
        lifecycle.onAssignment(a);
    }

    // ---- providers ------------------------------------------------------------------------

    @Override
    public void message(String tenant, InboundMessage m) {
        providers.message(tenant, m);
    }

    /**
     * Forwards a delivery status of a reply the gateway sent to the conversation's agent as a
     * {@code receipt} frame and publishes it as a DELIVERY_RECEIPT interaction.
     */
    @Override
    public void status(String tenant, DeliveryStatus s) {
        providers.status(tenant, s);
    }

    // ---- life -----------------------------------------------------------------------------

    /**
     * Closes what has been idle, abandons web chats whose visitor did not come back in time, and
     * forgets conversations closed longer than the retention. Called every second by the gateway.
     */
    public void sweep() {
        lifecycle.sweep();
    }
}
