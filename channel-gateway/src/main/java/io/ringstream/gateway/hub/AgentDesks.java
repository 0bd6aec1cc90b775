package io.ringstream.gateway.hub;

import io.ringstream.channels.ChannelEvents;
import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.conversation.Sender;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.providers.ProviderOutbound;
import io.ringstream.security.Caller;
import java.util.function.LongSupplier;

/**
 * What an agent's desktop may do: on {@code hello}, get its open conversations; then send, type,
 * mark read, close and resume, each only in a conversation whose ACCEPTED assignment names this
 * agent in its tenant (anything else is "unknown-conversation", the same whether it does not exist
 * or is someone else's). Replies in messaging conversations go out through the provider.
 *
 * <p>No state of its own: connections are {@link AgentConnections}', conversations change under
 * their own lock.
 */
final class AgentDesks {
    private final Conversations conversations;
    private final AgentConnections agents;
    private final ContactLifecycle lifecycle;
    private final ProviderConversations providers;
    private final EventSink events;
    private final LongSupplier clock;

    AgentDesks(
            Conversations conversations,
            AgentConnections agents,
            ContactLifecycle lifecycle,
            ProviderConversations providers,
            EventSink events,
            LongSupplier clock) {
        this.conversations = conversations;
        this.agents = agents;
        this.lifecycle = lifecycle;
        this.providers = providers;
        this.events = events;
        this.clock = clock;
    }

    void joined(Caller agent, Peer peer) {
        agents.add(agent, peer);
        peer.send(
                ServerFrames.of("welcome")
                        .put("agentId", agent.subject())
                        .put("tenant", agent.tenant()));
        for (Conversation c : conversations.all()) {
            synchronized (c) {
                if (!c.closed && c.assignedTo(agent.tenant(), agent.subject())) {
                    peer.send(ConversationFrames.conversation(c));
                }
            }
        }
    }

    void gone(Caller agent, Peer peer) {
        agents.remove(agent, peer);
    }

    void send(
            Caller agent,
            Peer peer,
            String conversationId,
            String clientId,
            String text,
            String ref) {
        Conversation c = assigned(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (ConversationFrames.refuseClosed(c, peer, ref)) {
                return;
            }
            ProviderOutbound send = providers.outbound();
            if (c.provider != null && send == null) {
                peer.send(ConversationFrames.refused(c, clientId, "provider not configured"));
                return;
            }
            long now = clock.getAsLong();
            ConversationLog.Appended appended =
                    c.log.append(clientId, Sender.agent(agent.subject()), text, now);
            ConversationFrames.ack(peer, clientId, appended, ref);
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
                providers.send(c, send, a.entry());
            }
            agents.broadcast(c, ServerFrames.message(c.id, a.entry(), null));
        }
    }

    void typing(Caller agent, Peer peer, String conversationId, String ref) {
        Conversation c = assigned(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed
                    && c.visitor != null
                    && c.typing.allow(Sender.agent(agent.subject()), clock.getAsLong())) {
                c.visitor.send(ConversationFrames.typing(c, "AGENT"));
            }
        }
    }

    void read(Caller agent, Peer peer, String conversationId, long seq, String ref) {
        Conversation c = assigned(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed && c.visitor != null && seq <= c.log.lastSeq()) {
                c.visitor.send(ConversationFrames.read(c, "AGENT", seq));
            }
        }
    }

    void close(Caller agent, Peer peer, String conversationId, String ref) {
        Conversation c = assigned(agent, peer, conversationId, ref);
        if (c != null) {
            lifecycle.close(c, "AGENT");
        }
    }

    void resume(Caller agent, Peer peer, String conversationId, long lastSeq, String ref) {
        Conversation c = assigned(agent, peer, conversationId, ref);
        if (c == null) {
            return;
        }
        synchronized (c) {
            ConversationFrames.replay(c, peer, lastSeq);
        }
    }

    /** The conversation if it is assigned to {@code agent}; else tells the peer and gives null. */
    private Conversation assigned(Caller agent, Peer peer, String conversationId, String ref) {
        Conversation c = conversations.byId(conversationId);
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
}
