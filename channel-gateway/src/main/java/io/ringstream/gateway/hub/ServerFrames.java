package io.ringstream.gateway.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringstream.channels.conversation.ConversationLog;
import io.ringstream.events.Speaker;

/** The frames the gateway sends (docs/channels.md, "Gateway protocol"), built in one place. */
public final class ServerFrames {
    static final ObjectMapper JSON = new ObjectMapper();

    private ServerFrames() {}

    public static ObjectNode of(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    public static ObjectNode error(String code, String message, String ref) {
        ObjectNode frame = of("error").put("code", code).put("message", message);
        if (ref != null) {
            frame.put("ref", ref);
        }
        return frame;
    }

    /** VISITOR, AGENT or SYSTEM, as the protocol names a message's author. */
    static String from(Speaker role) {
        return switch (role) {
            case CUSTOMER -> "VISITOR";
            case AGENT -> "AGENT";
            default -> "SYSTEM";
        };
    }

    static ObjectNode agent(String agentId) {
        // Agent names are not known to the gateway yet: the id stands in for the name.
        return JSON.createObjectNode().put("id", agentId).put("name", agentId);
    }

    static ObjectNode message(String conversationId, ConversationLog.Entry e, String kind) {
        ObjectNode frame =
                of("message")
                        .put("conversationId", conversationId)
                        .put("seq", e.seq())
                        .put("from", from(e.sender().role()))
                        .put("clientId", e.clientMessageId())
                        .put("text", e.text())
                        .put("at", e.timeMillis());
        if (e.sender().role() == Speaker.AGENT) {
            frame.set("agent", agent(e.sender().id()));
        }
        if (kind != null) {
            frame.put("kind", kind);
        }
        return frame;
    }
}
