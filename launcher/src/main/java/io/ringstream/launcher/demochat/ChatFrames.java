package io.ringstream.launcher.demochat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The client frames of the gateway's WebSocket protocol (docs/channels.md) that the simulated
 * visitors and agents of {@code up} send, built in one place so they match the protocol exactly.
 */
final class ChatFrames {
    static final ObjectMapper JSON = new ObjectMapper();

    private ChatFrames() {}

    /** A visitor's first frame: the widget, the topic, and who they are. */
    static ObjectNode start(VisitorScript script) {
        ObjectNode frame = type("start");
        frame.put("widget", VisitorScript.WIDGET);
        frame.put("topic", script.topic());
        frame.put("name", script.name());
        script.email().ifPresent(email -> frame.put("email", email));
        frame.put("language", "en");
        return frame;
    }

    /** A visitor's message; the client id makes a resend harmless. */
    static ObjectNode visitorSend(String clientId, String text) {
        ObjectNode frame = type("send");
        frame.put("clientId", clientId);
        frame.put("text", text);
        return frame;
    }

    static ObjectNode visitorTyping() {
        return type("typing");
    }

    static ObjectNode visitorClose() {
        return type("close");
    }

    /** An agent's first frame: its routing-service bearer token. */
    static ObjectNode hello(String token) {
        ObjectNode frame = type("hello");
        frame.put("token", token);
        return frame;
    }

    static ObjectNode agentSend(String conversationId, String clientId, String text) {
        ObjectNode frame = type("send");
        frame.put("conversationId", conversationId);
        frame.put("clientId", clientId);
        frame.put("text", text);
        return frame;
    }

    static ObjectNode agentTyping(String conversationId) {
        ObjectNode frame = type("typing");
        frame.put("conversationId", conversationId);
        return frame;
    }

    static ObjectNode agentRead(String conversationId, long seq) {
        ObjectNode frame = type("read");
        frame.put("conversationId", conversationId);
        frame.put("seq", seq);
        return frame;
    }

    static ObjectNode agentClose(String conversationId) {
        ObjectNode frame = type("close");
        frame.put("conversationId", conversationId);
        return frame;
    }

    private static ObjectNode type(String type) {
        ObjectNode frame = JSON.createObjectNode();
        frame.put("type", type);
        return frame;
    }
}
