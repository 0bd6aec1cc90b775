package io.ringstream.gateway.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a client's text frame into a {@link ClientFrame}, or says why not: plain Java over the
 * frame's text, so every rule is unit-tested without a socket. Field lengths are bounded so a frame
 * within the size limit still cannot carry an oversized name or id into the hub.
 */
public final class ClientFrames {
    static final int MAX_ID = 128;
    static final int MAX_TOKEN = 8_192;
    static final int MAX_FIELD = 254;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxTextChars;

    /**
     * @param maxTextChars the longest message text accepted (error {@code too-long} beyond)
     */
    public ClientFrames(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    /** What parsing gave. */
    public sealed interface Parsed {}

    /** A well-formed frame. */
    public record Ok(ClientFrame frame) implements Parsed {}

    /**
     * A frame refused: {@code code} is {@code bad-frame} (not JSON, unknown type, a field missing
     * or of the wrong type) or {@code too-long} (the text is over the limit); {@code ref} is echoed
     * when the frame had one.
     */
    public record Refused(String code, String message, String ref) implements Parsed {}

    public Parsed parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new Refused("bad-frame", "the frame is not JSON", null);
        }
        if (!(root instanceof ObjectNode node)) {
            return new Refused("bad-frame", "a frame is a JSON object", null);
        }
        String ref = null;
        JsonNode refNode = node.get("ref");
        if (refNode != null && refNode.isTextual() && refNode.asText().length() <= MAX_ID) {
            ref = refNode.asText();
        }
        try {
            return new Ok(frame(node, ref));
        } catch (BadField e) {
            return new Refused(e.code, e.getMessage(), ref);
        }
    }

    private ClientFrame frame(ObjectNode node, String ref) throws BadField {
        String type = optional(node, "type", MAX_ID);
        if (type == null) {
            throw new BadField("a frame needs a type");
        }
        return switch (type) {
            case "start" ->
                    new ClientFrame.Start(
                            ref,
                            optional(node, "widget", MAX_ID),
                            optional(node, "topic", MAX_ID),
                            optional(node, "name", MAX_FIELD),
                            optional(node, "email", MAX_FIELD),
                            optional(node, "phone", MAX_FIELD),
                            optional(node, "language", 16));
            case "resume" ->
                    new ClientFrame.Resume(
                            ref,
                            optional(node, "token", MAX_TOKEN),
                            optional(node, "conversationId", MAX_ID),
                            seq(node, "lastSeq"));
            case "send" -> {
                String text = required(node, "text", Integer.MAX_VALUE);
                if (text.codePointCount(0, text.length()) > maxTextChars) {
                    throw new BadField(
                            "too-long", "a message is at most " + maxTextChars + " characters");
                }
                if (text.isBlank()) {
                    throw new BadField("a message needs some text");
                }
                yield new ClientFrame.Send(
                        ref,
                        optional(node, "conversationId", MAX_ID),
                        required(node, "clientId", MAX_ID),
                        text);
            }
            case "typing" -> new ClientFrame.Typing(ref, optional(node, "conversationId", MAX_ID));
            case "read" ->
                    new ClientFrame.Read(
                            ref, optional(node, "conversationId", MAX_ID), seq(node, "seq"));
            case "close" -> new ClientFrame.Close(ref, optional(node, "conversationId", MAX_ID));
            case "hello" -> new ClientFrame.Hello(ref, required(node, "token", MAX_TOKEN));
            case "ping" -> new ClientFrame.Ping(ref);
            default -> throw new BadField("unknown frame type '" + type + "'");
        };
    }

    private static String required(ObjectNode node, String field, int max) throws BadField {
        String value = optional(node, field, max);
        if (value == null || value.isBlank()) {
            throw new BadField(field + " is required");
        }
        return value;
    }

    private static String optional(ObjectNode node, String field, int max) throws BadField {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadField(field + " must be a string");
        }
        if (value.asText().length() > max) {
            throw new BadField(field + " is longer than " + max + " characters");
        }
        return value.asText();
    }

    private static long seq(ObjectNode node, String field) throws BadField {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
            throw new BadField(field + " must be a whole number, 0 or more");
        }
        return value.asLong();
    }

    private static final class BadField extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        BadField(String message) {
            this("bad-frame", message);
        }

        BadField(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
