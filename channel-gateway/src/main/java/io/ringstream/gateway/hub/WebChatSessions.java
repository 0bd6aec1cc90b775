package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringstream.channels.ChannelEvents;
import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.channels.conversation.Sender;
import io.ringstream.events.Channel;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.ChatLimits;
import io.ringstream.gateway.WidgetConfig;
import io.ringstream.gateway.events.EventSink;
import io.ringstream.gateway.hub.ConversationHub.Started;
import io.ringstream.gateway.hub.ConversationHub.Visitor;
import io.ringstream.routing.contract.ChannelIdentity;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The web-chat visitor's side of a conversation: {@code start} opens one for a widget's topic and
 * hands back an unguessable session token; the token finds it again for every later frame and for a
 * {@code resume} after a reload or a dropped network (the new connection takes over, the old one is
 * closed with 4409, and the missed messages are replayed).
 *
 * <p>State lifetime: the session is the conversation's (until closed plus the closed retention);
 * while the visitor is away, {@link Conversation#visitorLeftAt} starts the resume grace after which
 * the sweeper abandons an unanswered chat. Every change happens under the conversation's lock.
 */
final class WebChatSessions {
    private final WidgetConfig widgets;
    private final ChatLimits limits;
    private final Conversations conversations;
    private final AgentConnections agents;
    private final ContactLifecycle lifecycle;
    private final EventSink events;
    private final LongSupplier clock;

    WebChatSessions(
            WidgetConfig widgets,
            ChatLimits limits,
            Conversations conversations,
            AgentConnections agents,
            ContactLifecycle lifecycle,
            EventSink events,
            LongSupplier clock) {
        this.widgets = widgets;
        this.limits = limits;
        this.conversations = conversations;
        this.agents = agents;
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
    }

    Started start(Peer visitor, String widgetName, String topicName, Visitor who) {
        Optional<WidgetConfig.Widget> widget =
                widgets.widget(widgetName == null ? "demo" : widgetName);
        if (widget.isEmpty()) {
            return new Started.Refused("unknown-widget", "no widget '" + widgetName + "'");
        }
        Optional<WidgetConfig.Topic> topic = widget.get().topic(topicName);
        if (topic.isEmpty()) {
            return new Started.Refused("unknown-topic", "no topic '" + topicName + "'");
        }
        if (conversations.size() >= limits.maxSessions()) {
            return new Started.Refused("busy", "too many conversations, try again later");
        }
        long now = clock.getAsLong();
        String token = Conversations.randomToken();
        Conversation c =
                new Conversation(
                        "chat-" + Conversations.randomToken().substring(0, 22),
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
        lifecycle.open(c, topic.get().skills(), who.language(), identity(who), now);
        return new Started.Ok(c.id, token);
    }

    boolean resume(Peer visitor, String token, long lastSeq) {
        Conversation c = conversations.byToken(token);
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
            ConversationFrames.replay(c, visitor, lastSeq);
        }
        return true;
    }

    Optional<String> conversationOf(String token) {
        return Optional.ofNullable(conversations.byToken(token)).map(c -> c.id);
    }

    void send(String token, String clientId, String text, String ref) {
        Conversation c = conversations.byToken(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (ConversationFrames.refuseClosed(c, c.visitor, ref)) {
                return;
            }
            long now = clock.getAsLong();
            ConversationLog.Appended appended =
                    c.log.append(clientId, Sender.visitor(c.id), text, now);
            ConversationFrames.ack(c.visitor, clientId, appended, ref);
            if (appended instanceof ConversationLog.Appended.Accepted a) {
                c.lastActivity = now;
                events.publish(
                        Topics.INTERACTIONS, new ChannelEvents(c.tenant).webChat(c.id, a.entry()));
                agents.broadcast(c, ServerFrames.message(c.id, a.entry(), null));
            }
        }
    }

    void typing(String token) {
        Conversation c = conversations.byToken(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed && c.typing.allow(Sender.visitor(c.id), clock.getAsLong())) {
                agents.toAgent(c, ConversationFrames.typing(c, "VISITOR"));
            }
        }
    }

    void read(String token, long seq) {
        Conversation c = conversations.byToken(token);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (!c.closed && seq <= c.log.lastSeq()) {
                agents.toAgent(c, ConversationFrames.read(c, "VISITOR", seq));
            }
        }
    }

    void close(String token) {
        Conversation c = conversations.byToken(token);
        if (c != null) {
            lifecycle.close(c, "VISITOR");
        }
    }

    void gone(String token, Peer visitor) {
        Conversation c = conversations.byToken(token);
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

    /** The e-mail, else the phone, the visitor gave: routing links it to a customer. */
    private static ChannelIdentity identity(Visitor who) {
        if (who.email() != null && !who.email().isBlank()) {
            return new ChannelIdentity("EMAIL", who.email().trim(), who.name());
        }
        if (who.phone() != null && !who.phone().isBlank()) {
            return new ChannelIdentity("PHONE", who.phone().trim(), who.name());
        }
        return null;
    }
}
