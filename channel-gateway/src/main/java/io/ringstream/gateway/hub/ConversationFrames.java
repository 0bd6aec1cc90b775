package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringstream.channels.conversation.ConversationLog;
import java.util.List;

/**
 * The frames about one conversation that web-chat visitors and agents both get (acks, typing, read
 * marks, replays, the agent's full conversation), built from its state in one place. Callers hold
 * the conversation's lock, so what a frame shows is consistent.
 */
final class ConversationFrames {
    private ConversationFrames() {}

    /** The entries after {@code lastSeq} to {@code peer}, after a resync frame if they must. */
    static void replay(Conversation c, Peer peer, long lastSeq) {
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

    /** What an agent's desktop shows of a conversation: who, where, and every kept message. */
    static ObjectNode conversation(Conversation c) {
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

    /** True, after telling {@code peer} (if any), when {@code c} is closed. */
    static boolean refuseClosed(Conversation c, Peer peer, String ref) {
        if (c.closed) {
            if (peer != null) {
                peer.send(ServerFrames.error("closed", "the conversation is closed", ref));
            }
            return true;
        }
        return false;
    }

    static void ack(Peer peer, String clientId, ConversationLog.Appended a, String ref) {
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

    static ObjectNode refused(Conversation c, String clientId, String reason) {
        return ServerFrames.of("refused")
                .put("conversationId", c.id)
                .put("clientId", clientId)
                .put("reason", reason);
    }

    static ObjectNode typing(Conversation c, String from) {
        return ServerFrames.of("typing").put("conversationId", c.id).put("from", from);
    }

    static ObjectNode read(Conversation c, String by, long seq) {
        return ServerFrames.of("read").put("conversationId", c.id).put("by", by).put("seq", seq);
    }
}
