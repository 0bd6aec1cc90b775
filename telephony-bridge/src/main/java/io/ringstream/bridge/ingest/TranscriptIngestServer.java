package io.ringstream.bridge.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets any speech-to-text engine push call transcript segments over HTTP: {@code POST
 * /v1/transcripts} with JSON ({@link TranscriptSegments}) becomes {@code TRANSCRIPT_SEGMENT} events
 * on the {@code interactions} topic, where the sentiment job scores them. Refused input gets a 4xx
 * problem+json answer and goes to the dead-letter topic with the reason, so nothing is lost.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver} rather than Netty: segments arrive a few per
 * second per call, well within its reach; it adds no dependency to the bridge's jar and no pipeline
 * code to maintain. A fixed pool handles requests; when it and its queue are full the accepting
 * thread runs the request itself, so new connections wait in the TCP backlog (back-pressure)
 * instead of being dropped.
 *
 * <p>Every request but {@code GET /health} is authenticated first ({@link IngestAuthenticator}: a
 * bearer token with role INGEST, or an HMAC signature of the raw body), and acts in the tenant its
 * credentials name. The body is read once, bounded, and the same bytes are checked and parsed.
 * Without credentials configured the server does not start.
 *
 * <p>Answers: 202 with the event ids once Kafka has acknowledged every segment (the ids are stable,
 * so a client may retry safely); 400 malformed JSON; 401 no or invalid credentials (with {@code
 * WWW-Authenticate: Bearer}); 403 a token without role INGEST, or a segment naming another tenant;
 * 413 body too large; 415 not JSON; 422 invalid segment (a batch is all or nothing); 404/405 wrong
 * path or method; 503 when Kafka does not acknowledge in time (retry later). {@code GET /health}
 * answers 200. Refused input (400, 413, 415, 422) becomes a dead letter; refused callers (401, 403)
 * are only counted and logged, without the token or signature.
 */
public final class TranscriptIngestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranscriptIngestServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String PATH = "/v1/transcripts";
    public static final String HEALTH = "/health";

    /** How the endpoint names itself in dead letters. */
    public static final String COMPONENT = Components.TRANSCRIPT_INGEST;

    private final IngestConfig config;
    private final EventPublisher publisher;
    private final boolean ownsPublisher;
    private final TranscriptSegments segments;
    private final HttpServer server;
    private final ThreadPoolExecutor pool;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong forbidden = new AtomicLong();
    private final IngestAuthenticator authenticator;

    private TranscriptIngestServer(
            IngestConfig config, EventPublisher publisher, boolean ownsPublisher)
            throws IOException {
        this.config = config;
        // Before anything is bound: without credentials there is nothing to serve.
        this.authenticator = new IngestAuthenticator(config.credentials(), Clock.systemUTC());
        this.publisher = publisher;
        this.ownsPublisher = ownsPublisher;
        this.segments = new TranscriptSegments(config.maxSegments());
        AtomicInteger n = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(
                        config.threads(),
                        config.threads(),
                        0L,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(Math.max(1, config.queue())),
                        r -> {
                            Thread t = new Thread(r, "transcript-ingest-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.CallerRunsPolicy());
        this.server =
                HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 128);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
    }

    /** Starts serving with the given publisher (not closed by {@link #close()}). */
    public static TranscriptIngestServer start(IngestConfig config, EventPublisher publisher)
            throws IOException {
        TranscriptIngestServer s = new TranscriptIngestServer(config, publisher, false);
        s.server.start();
        LOG.info("Transcript ingest listening on {}{}", s.server.getAddress(), PATH);
        return s;
    }

    /** Starts serving with its own Kafka publisher, closed with the server. */
    public static TranscriptIngestServer start(IngestConfig config, String kafkaBootstrap)
            throws IOException {
        EventPublisher publisher =
                EventPublisher.create(kafkaBootstrap, Map.of("client.id", "transcript-ingest"));
        try {
            TranscriptIngestServer s = new TranscriptIngestServer(config, publisher, true);
            s.server.start();
            LOG.info("Transcript ingest listening on {}{}", s.server.getAddress(), PATH);
            return s;
        } catch (IOException | RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** What the endpoint has done so far. */
    public IngestStats stats() {
        return new IngestStats(
                accepted.get(),
                rejected.get(),
                publishFailures.get(),
                unauthenticated.get(),
                forbidden.get());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.equals(HEALTH) && method.equals("GET")) {
                send(
                        exchange,
                        200,
                        "application/json",
                        "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            // Read once: the same bytes are signed, checked and parsed.
            byte[] body = readAtMost(exchange.getRequestBody(), config.maxBodyBytes() + 1);
            boolean tooLarge = body.length > config.maxBodyBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String signature =
                    exchange.getRequestHeaders().getFirst(IngestAuthenticator.SIGNATURE_HEADER);
            if (tooLarge && authorization == null && signature != null) {
                // A signature over a body we did not read whole cannot be checked; nothing is kept.
                rejected.incrementAndGet();
                problem(exchange, tooLarge());
                return;
            }
            String tenant;
            try {
                tenant = authenticator.tenantOf(authorization, signature, body);
            } catch (AccessDenied e) {
                deny(exchange, e.problem());
                return;
            }
            if (!path.equals(PATH)) {
                problem(
                        exchange,
                        Problem.of(404, "Not found", "POST transcript segments to " + PATH));
                return;
            }
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                problem(
                        exchange,
                        Problem.of(405, "Method not allowed", PATH + " accepts POST only"));
                return;
            }
            if (tooLarge) {
                refuse(exchange, tooLarge(), Arrays.copyOf(body, config.maxBodyBytes()));
                return;
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            if (contentType == null
                    || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                refuse(
                        exchange,
                        Problem.of(
                                415,
                                "Unsupported media type",
                                "send Content-Type: application/json, not " + contentType),
                        body);
                return;
            }
            List<InteractionEvent> events;
            try {
                events = segments.parse(body, System.currentTimeMillis(), tenant);
            } catch (SegmentRejected e) {
                if (e.problem().status() == 403) {
                    deny(exchange, e.problem());
                } else {
                    refuse(exchange, e.problem(), body);
                }
                return;
            }
            publish(exchange, events);
        } catch (RuntimeException e) {
            LOG.error("Transcript ingest failed on a request", e);
        }
    }

    private Problem tooLarge() {
        return Problem.of(
                413, "Body too large", "at most " + config.maxBodyBytes() + " bytes per request");
    }

    /**
     * Answers 401 or 403 and counts it. Nothing of the request is kept (no dead letter: callers
     * without rights must not write to Kafka) or logged beyond the reason: never a credential.
     */
    private void deny(HttpExchange exchange, Problem problem) throws IOException {
        if (problem.status() == 401) {
            unauthenticated.incrementAndGet();
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ringstream\"");
        } else {
            forbidden.incrementAndGet();
        }
        LOG.warn(
                "Transcript ingest refused {} from {}: {}",
                problem.status(),
                exchange.getRemoteAddress().getAddress().getHostAddress(),
                problem.detail());
        problem(exchange, problem);
    }

    private void publish(HttpExchange exchange, List<InteractionEvent> events) throws IOException {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (InteractionEvent e : events) {
            acks.add(publisher.publish(Topics.INTERACTIONS, e));
        }
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            publishFailures.incrementAndGet();
            problem(exchange, Problem.of(503, "Unavailable", "interrupted; retry"));
            return;
        } catch (Exception e) {
            publishFailures.incrementAndGet();
            LOG.warn(
                    "Kafka did not acknowledge {} transcript segment(s): {}",
                    events.size(),
                    e.toString());
            exchange.getResponseHeaders().set("Retry-After", "5");
            problem(
                    exchange,
                    Problem.of(
                            503,
                            "Unavailable",
                            "the event broker did not acknowledge the segments; retry (event ids"
                                    + " are stable, so retries do not duplicate)"));
            return;
        }
        accepted.addAndGet(events.size());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", events.size());
        body.put("eventIds", events.stream().map(InteractionEvent::eventId).toList());
        send(exchange, 202, "application/json", JSON.writeValueAsBytes(body));
    }

    /** Answers with the problem and keeps the input as a dead letter. */
    private void refuse(HttpExchange exchange, Problem problem, byte[] body) throws IOException {
        rejected.incrementAndGet();
        String reason =
                problem.title()
                        + ": "
                        + problem.detail()
                        + (problem.errors().isEmpty() ? "" : " " + problem.errors());
        publisher
                .publishDeadLetter(
                        DeadLetter.fromFrame(
                                reason,
                                COMPONENT,
                                DeadLetter.Origin.HTTP,
                                new String(body, StandardCharsets.UTF_8),
                                System.currentTimeMillis()))
                .whenComplete(
                        (ok, error) -> {
                            if (error != null) {
                                LOG.error(
                                        "Could not publish a dead letter ({}): {}",
                                        reason,
                                        error.toString());
                            }
                        });
        problem(exchange, problem);
    }

    private static void problem(HttpExchange exchange, Problem problem) throws IOException {
        send(exchange, problem.status(), Problem.CONTENT_TYPE, problem.toJson());
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Never reads more than {@code limit} bytes; an unread rest closes the connection. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }

    @Override
    public void close() {
        server.stop(1);
        pool.shutdown();
        if (ownsPublisher) {
            publisher.close();
        }
    }
}
