package io.ringstream.gateway.ws;

/**
 * A frame a widget or an agent desktop sent, after {@link ClientFrames#parse} checked its shape
 * (docs/channels.md, "Gateway protocol"). {@code ref} is the client's optional correlation id,
 * echoed in an error about the frame. Agent frames name their conversation; a visitor's never do (a
 * visitor connection has exactly one).
 */
public sealed interface ClientFrame {

    String ref();

    /** A visitor opens a conversation from a widget. */
    record Start(
            String ref,
            String widget,
            String topic,
            String name,
            String email,
            String phone,
            String language)
            implements ClientFrame {}

    /**
     * A visitor (by session token) or an agent (by conversation id) comes back, having seen
     * everything up to {@code lastSeq}.
     */
    record Resume(String ref, String token, String conversationId, long lastSeq)
            implements ClientFrame {}

    /** A message; {@code clientId} is the sender's id for it, the dedupe key. */
    record Send(String ref, String conversationId, String clientId, String text)
            implements ClientFrame {}

    record Typing(String ref, String conversationId) implements ClientFrame {}

    record Read(String ref, String conversationId, long seq) implements ClientFrame {}

    record Close(String ref, String conversationId) implements ClientFrame {}

    /** An agent proves who it is with its routing-service bearer token. */
    record Hello(String ref, String token) implements ClientFrame {}

    /** Keeps an idle connection open; answered {@code pong}. */
    record Ping(String ref) implements ClientFrame {}
}
