package io.ringstream.launcher.demochat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One simulated web-chat visitor playing its {@link VisitorScript} on the gateway's WebSocket, as
 * the widget would: {@code start}, the first line, then each further line after an agent's answer
 * and a pause, then {@code close}. A visitor nobody answers within its patience leaves (the chat is
 * abandoned). Runs on one thread from start to close; frames arrive in an inbox.
 */
final class SimulatedVisitor {
    private static final JsonNode SOCKET_CLOSED =
            ChatFrames.JSON.createObjectNode().put("type", "socket-closed");
    private static final Duration SESSION_WAIT = Duration.ofSeconds(10);
    private static final Duration NEXT_ANSWER_WAIT = Duration.ofSeconds(90);

    /** How a visit ended, for the log and the counters. */
    enum Outcome {
        FINISHED,
        ABANDONED,
        CLOSED_BY_AGENT
    }

    private final VisitorScript script;
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private boolean closed;

    SimulatedVisitor(VisitorScript script) {
        this.script = script;
    }

    /** Plays the script; throws when the gateway cannot be reached or refuses the start. */
    Outcome run(HttpClient http, URI gateway, String origin) throws Exception {
        try (ChatSocket socket =
                ChatSocket.connect(
                        http, gateway, origin, inbox::add, () -> inbox.add(SOCKET_CLOSED))) {
            socket.send(ChatFrames.start(script));
            JsonNode session = awaitSession();
            String prefix = "v-" + session.path("conversationId").asText() + "-";
            for (int i = 0; i < script.lines().size(); i++) {
                VisitorScript.Line line = script.lines().get(i);
                if (i > 0) {
                    Duration wait = i == 1 ? script.patience() : NEXT_ANSWER_WAIT;
                    if (!awaitAgentMessage(wait)) {
                        return leave(socket, i == 1 ? Outcome.ABANDONED : Outcome.FINISHED);
                    }
                    Thread.sleep(line.pauseBefore().toMillis());
                }
                socket.send(ChatFrames.visitorTyping());
                socket.send(ChatFrames.visitorSend(prefix + i, line.text()));
            }
            // The agent's closer, then the visitor goes.
            awaitAgentMessage(Duration.ofSeconds(20));
            return leave(socket, Outcome.FINISHED);
        }
    }

    private Outcome leave(ChatSocket socket, Outcome outcome) {
        if (closed) {
            return Outcome.CLOSED_BY_AGENT;
        }
        socket.send(ChatFrames.visitorClose());
        // Let the close reach the gateway before the socket goes.
        awaitType("closed", Duration.ofSeconds(5));
        return outcome;
    }

    private JsonNode awaitSession() throws Exception {
        JsonNode frame = awaitType("session", SESSION_WAIT);
        if (frame == null) {
            throw new IllegalStateException("no session from the gateway");
        }
        return frame;
    }

    /** True when an agent's message arrived in time; false on time-out or a closed chat. */
    private boolean awaitAgentMessage(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closed) {
            JsonNode frame = poll(deadline);
            if (frame == null) {
                return false;
            }
            if ("message".equals(frame.path("type").asText())
                    && "AGENT".equals(frame.path("from").asText())) {
                return true;
            }
        }
        return false;
    }

    /** The next frame of {@code type}, or null on time-out, a close, or an error frame. */
    private JsonNode awaitType(String type, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closed) {
            JsonNode frame = poll(deadline);
            if (frame == null) {
                return null;
            }
            if (type.equals(frame.path("type").asText())) {
                return frame;
            }
            if ("error".equals(frame.path("type").asText())) {
                throw new IllegalStateException("gateway error: " + frame);
            }
        }
        return null;
    }

    /** The next frame before the deadline; notes a closed chat or socket (then null). */
    private JsonNode poll(long deadline) {
        try {
            JsonNode frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                return null;
            }
            String type = frame.path("type").asText();
            if (frame == SOCKET_CLOSED || "closed".equals(type)) {
                closed = true;
                return "closed".equals(type) ? frame : null;
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            return null;
        }
    }
}
