package io.ringstream.launcher.demochat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated chat agent of {@code up}'s demo floor, using only public doors: it logs in to
 * routing-service with its own password (queues sales and support, three chats at once), goes
 * READY, follows its assignment stream and accepts chat offers after a few seconds; on the
 * gateway's WebSocket (hello with its token) it answers visitors with canned lines, closes the
 * conversation after a few turns and ends wrap-up. Anything away (routing-service, the gateway) is
 * logged and retried with backoff; nothing here stops {@code up}.
 *
 * <p>Threads: one reads the assignment stream (blocking); everything else (the socket, the
 * conversations) is confined to the single {@code worker} thread.
 */
final class SimulatedChatAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedChatAgent.class);
    static final List<String> QUEUES = List.of("sales", "support");
    static final int CHAT_CAPACITY = 3;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    private final String agentId;
    private final String displayName;
    private final AgentApi api;
    private final HttpClient http;
    private final URI gateway;
    private final String origin;
    private final Random rng;
    private final ScheduledExecutorService worker;
    private final Thread streamReader;
    private volatile boolean closed;
    private volatile Stream<String> currentStream;

    // Confined to the worker thread: the live socket (null while away) and the open conversations
    // this agent was given, from their `conversation` frame until they are closed.
    private ChatSocket socket;
    private long socketRetryAt;
    private Duration socketBackoff = Duration.ofSeconds(1);
    private boolean gatewayAwayLogged;
    private long clientSeq;
    private final Map<String, Conversation> conversations = new HashMap<>();

    /** A conversation's progress: answers given, the closer's turn, whether one is being typed. */
    private static final class Conversation {
        final int closingTurn;
        int turns;
        boolean typing;
        boolean closing;

        Conversation(int closingTurn) {
            this.closingTurn = closingTurn;
        }
    }

    SimulatedChatAgent(
            String agentId,
            String displayName,
            AgentApi api,
            HttpClient http,
            URI gateway,
            String origin,
            long seed) {
        this.agentId = agentId;
        this.displayName = displayName;
        this.api = api;
        this.http = http;
        this.gateway = gateway;
        this.origin = origin;
        this.rng = new Random(seed);
        this.worker =
                Executors.newSingleThreadScheduledExecutor(
                        r -> daemon(r, "demo-chat-agent-" + agentId));
        this.streamReader = daemon(this::followAssignments, "demo-chat-agent-" + agentId + "-sse");
    }

    void start() {
        streamReader.start();
        worker.scheduleWithFixedDelay(this::keepSocket, 2, 5, TimeUnit.SECONDS);
        // The gateway closes an agent's socket after its idle timeout: ping well inside it.
        worker.scheduleAtFixedRate(this::ping, 25, 25, TimeUnit.SECONDS);
    }

    /** Log in, go READY and read offers; on any failure start over after a growing pause. */
    private void followAssignments() {
        Duration backoff = Duration.ofSeconds(1);
        while (!closed) {
            try {
                api.logIn(QUEUES, CHAT_CAPACITY);
                api.state("READY");
                try (Stream<String> lines = api.assignments()) {
                    currentStream = lines;
                    backoff = Duration.ofSeconds(1);
                    SseEvents events = new SseEvents();
                    lines.forEach(line -> events.line(line).ifPresent(this::onAssignment));
                }
                if (!closed) {
                    LOG.info("demo chat agent {}: assignment stream ended, reconnecting", agentId);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!closed) {
                    LOG.warn(
                            "demo chat agent {}: routing-service not reachable ({}); retrying in {}",
                            agentId,
                            e.getMessage(),
                            backoff);
                }
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = min(backoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    private void onAssignment(SseEvents.Event event) {
        if (!"OFFERED".equals(event.name())) {
            return;
        }
        try {
            JsonNode offer = ChatFrames.JSON.readTree(event.data());
            String channel = offer.path("channel").asText();
            String offerId = offer.path("offerId").asText(null);
            if (offerId == null || !(channel.equals("CHAT") || channel.equals("MESSAGING"))) {
                return;
            }
            worker.schedule(
                    () -> accept(offerId),
                    AgentReplies.acceptDelay(rng).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("demo chat agent {}: unreadable offer {}", agentId, event.data());
        }
    }

    private void accept(String offerId) {
        try {
            api.accept(offerId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The offer may have timed out or been cancelled: routing-service offers it elsewhere.
            LOG.info(
                    "demo chat agent {}: accept of {} failed: {}",
                    agentId,
                    offerId,
                    e.getMessage());
        }
    }

    /** Connects to the gateway when not connected, no more often than the backoff allows. */
    private void keepSocket() {
        if (closed || (socket != null && socket.isOpen())) {
            return;
        }
        long now = System.nanoTime();
        if (now - socketRetryAt < 0) {
            return;
        }
        try {
            ChatSocket opened =
                    ChatSocket.connect(
                            http,
                            gateway,
                            origin,
                            frame -> worker.execute(() -> onFrame(frame)),
                            () -> worker.execute(this::onSocketClosed));
            socket = opened;
            opened.send(ChatFrames.hello(api.token()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!gatewayAwayLogged) {
                LOG.warn(
                        "demo chat agent {}: channel gateway not reachable at {} ({}); retrying",
                        agentId,
                        gateway,
                        e.toString());
                gatewayAwayLogged = true;
            }
            socketRetryAt = now + socketBackoff.toNanos();
            socketBackoff = min(socketBackoff.multipliedBy(2), MAX_BACKOFF);
        }
    }

    private void onSocketClosed() {
        if (socket != null && !socket.isOpen()) {
            socket = null;
            // The gateway gives open conversations back at the next hello.
            conversations.clear();
        }
    }

    private void ping() {
        if (socket != null && socket.isOpen()) {
            socket.ping();
        }
    }

    private void onFrame(JsonNode frame) {
        String type = frame.path("type").asText();
        String conversationId = frame.path("conversationId").asText(null);
        switch (type) {
            case "welcome" -> {
                socketBackoff = Duration.ofSeconds(1);
                if (gatewayAwayLogged) {
                    LOG.info("demo chat agent {}: connected to the channel gateway", agentId);
                }
                gatewayAwayLogged = false;
            }
            case "conversation" -> {
                if (conversationId == null || frame.path("closed").asBoolean(false)) {
                    return;
                }
                conversation(conversationId);
                JsonNode messages = frame.path("messages");
                if (messages.size() > 0
                        && "VISITOR"
                                .equals(messages.get(messages.size() - 1).path("from").asText())) {
                    answerSoon(conversationId);
                }
            }
            case "message" -> {
                if (conversationId != null && "VISITOR".equals(frame.path("from").asText())) {
                    send(ChatFrames.agentRead(conversationId, frame.path("seq").asLong()));
                    answerSoon(conversationId);
                }
            }
            case "closed" -> {
                if (conversationId != null && conversations.remove(conversationId) != null) {
                    worker.schedule(this::wrapUpDone, 1 + rng.nextInt(3), TimeUnit.SECONDS);
                }
            }
            case "error", "refused" -> LOG.debug("demo chat agent {}: {}", agentId, frame);
            default -> {
                // typing, read, ack: nothing to do for a simulated agent
            }
        }
    }

    private Conversation conversation(String conversationId) {
        return conversations.computeIfAbsent(
                conversationId, id -> new Conversation(AgentReplies.closingTurn(rng)));
    }

    /** Types, then answers; one answer at a time per conversation, none after the closer. */
    private void answerSoon(String conversationId) {
        Conversation c = conversation(conversationId);
        if (c.typing || c.closing) {
            return;
        }
        c.typing = true;
        send(ChatFrames.agentTyping(conversationId));
        worker.schedule(
                () -> answer(conversationId, c),
                AgentReplies.typingTime(rng).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void answer(String conversationId, Conversation c) {
        c.typing = false;
        if (conversations.get(conversationId) != c) {
            return; // closed meanwhile
        }
        String text = AgentReplies.reply(rng, c.turns, c.closingTurn, displayName);
        send(ChatFrames.agentSend(conversationId, agentId + "-" + (++clientSeq), text));
        c.turns++;
        if (c.turns > c.closingTurn) {
            c.closing = true;
            worker.schedule(
                    () -> send(ChatFrames.agentClose(conversationId)),
                    4 + rng.nextInt(5),
                    TimeUnit.SECONDS);
        }
    }

    private void send(com.fasterxml.jackson.databind.node.ObjectNode frame) {
        if (socket != null && socket.isOpen()) {
            socket.send(frame);
        }
    }

    private void wrapUpDone() {
        try {
            api.wrapUpDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // Not in wrap-up (e.g. more chats still open): nothing to end.
            LOG.debug("demo chat agent {}: wrap-up-done: {}", agentId, e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> stream = currentStream;
        if (stream != null) {
            stream.close();
        }
        streamReader.interrupt();
        worker.execute(
                () -> {
                    if (socket != null) {
                        socket.close();
                    }
                });
        worker.shutdown();
        try {
            worker.awaitTermination(3, TimeUnit.SECONDS);
            api.state("LOGGED_OUT");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("demo chat agent {}: log-out failed: {}", agentId, e.getMessage());
        }
        worker.shutdownNow();
    }

    private boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
