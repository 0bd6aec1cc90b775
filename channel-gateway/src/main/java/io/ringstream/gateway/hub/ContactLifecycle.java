package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.routing.Routing;
import io.ringstream.routing.contract.ChannelIdentity;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.routing.contract.RouteRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversation's life as a contact, the same for web chat and messaging: queued and routed when
 * it opens, identified when routing-service names its customer, answered when the ACCEPTED
 * assignment brings an agent in (moved on a transfer), and closed once, by either side, idleness or
 * a failed route, which publishes its end and tells routing-service (end, or abandon when no agent
 * ever joined). The sweeper closes what is idle and forgets what has been closed long enough.
 *
 * <p>Routing calls block, so they run on {@code routingExecutor}, never on a Netty event loop, each
 * chained on the conversation's {@link Conversation#routing} so an end or abandon never overtakes
 * its route. Every change of a conversation happens under its lock.
 */
final class ContactLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ContactLifecycle.class);

    private final Conversations conversations;
    private final AgentConnections agents;
    private final ChatLimits limits;
    private final EventSink events;
    private final Routing routing;
    private final Executor routingExecutor;
    private final LongSupplier clock;

    ContactLifecycle(
            Conversations conversations,
            AgentConnections agents,
            ChatLimits limits,
            EventSink events,
            Routing routing,
            Executor routingExecutor,
            LongSupplier clock) {
        this.conversations = conversations;
        this.agents = agents;
        this.limits = limits;
        this.events = events;
        this.routing = routing;
        this.routingExecutor = routingExecutor;
        this.clock = clock;
    }

    /** A new conversation: held from now on, QUEUED, and routed in the background. */
    void open(
            Conversation c,
            Map<String, Integer> skills,
            String language,
            ChannelIdentity identity,
            long now) {
        conversations.add(c);
        events.publish(Topics.CONTACT_EVENTS, ContactEvents.queued(c, now));
        route(c, skills, language, identity);
    }

    /** An assignment read from Kafka; only those of conversations this gateway holds matter. */
    void onAssignment(Assignment a) {
        Conversation c = conversations.byId(a.contactId());
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
                agents.toAgent(
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
            agents.toAgent(c, ConversationFrames.conversation(c));
        }
    }

    /**
     * Closes what has been idle, abandons web chats whose visitor did not come back in time, and
     * forgets conversations closed longer than the retention.
     */
    void sweep() {
        long now = clock.getAsLong();
        List<Conversation> forget = new ArrayList<>();
        for (Conversation c : conversations.all()) {
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
        forget.forEach(conversations::forget);
    }

    /** Closes a conversation once: tells both sides, publishes its end, tells routing-service. */
    void close(Conversation c, String by) {
        long now = clock.getAsLong();
        synchronized (c) {
            if (c.closed) {
                return;
            }
            c.closed = true;
            c.closedAt = now;
            ObjectNode closed = ServerFrames.of("closed").put("conversationId", c.id).put("by", by);
            agents.broadcast(c, closed);
            conversations.closed(c);
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
            ChannelIdentity identity) {
        RouteRequest request =
                new RouteRequest(
                        c.tenant,
                        c.id,
                        c.queue,
                        c.channel,
                        skills.isEmpty() ? null : skills,
                        language,
                        null,
                        null,
                        null,
                        0L,
                        null,
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

    /** Caller holds {@code c}'s lock. */
    private void identified(Conversation c, String customerId, long now) {
        c.customerId = customerId;
        events.publish(Topics.CONTACT_EVENTS, ContactEvents.identified(c, now));
    }
}
