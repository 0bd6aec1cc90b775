package io.ringstream.gateway.providers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringstream.channels.instagram.InstagramPayload;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.HubHandshake;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.channels.webhook.MalformedPayloadException;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.channels.webhook.SeenDeliveries;
import io.ringstream.channels.webhook.SignedDelivery;
import io.ringstream.channels.webhook.WebhookBatch;
import io.ringstream.channels.whatsapp.WhatsAppPayload;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import io.ringstream.gateway.http.HttpAnswer;
import io.ringstream.gateway.http.WebhookRoute;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.secrets.Hmac;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /webhooks/whatsapp} and {@code /webhooks/instagram} endpoints, independent of Netty:
 * Meta's verification handshake on GET, and on POST the size and signature gate, then an immediate
 * 200 with the parsing and processing handed to a bounded executor, because Meta expects a fast
 * answer and retries a slow or failed one (docs/channels.md, "WhatsApp and Instagram").
 *
 * <p>On the executor: parse ({@link WhatsAppPayload}, {@link InstagramPayload}); a signed body that
 * does not parse is one dead letter (component {@code channel-gateway}, origin HTTP, the reason and
 * the raw body); each message and status is deduplicated ({@link SeenDeliveries}, Meta retries),
 * its tenant found by our account id ({@link ProviderAccounts}) and handed to {@link
 * ProviderInbound}; deliveries for accounts we do not know are one dead letter per body naming
 * them. A full queue answers 503 so that Meta delivers again later; nothing is dropped silently.
 *
 * <p>Counters: {@code ringstream.gateway.webhook} tagged {@code provider} and {@code outcome}.
 * State lifetime: the dedupe memory and the executor live as long as this object; {@link #close()}
 * lets the queued hand-offs finish (up to 5 s).
 */
public final class MetaWebhooks implements WebhookRoute, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetaWebhooks.class);

    /** The header Meta signs with, in the lower case the server passes headers in. */
    static final String SIGNATURE = SignedDelivery.SIGNATURE_HEADER.toLowerCase(Locale.ROOT);

    /**
     * Sizes.
     *
     * @param threads hand-off threads
     * @param queueCapacity deliveries waiting for a thread before 503
     * @param rememberedDeliveries message and status keys remembered for dedupe
     * @param maxBodyBytes the largest body accepted (Meta's documented 3 MB by default)
     */
    public record Limits(
            int threads, int queueCapacity, int rememberedDeliveries, int maxBodyBytes) {
        /** 2 threads, 1,000 queued deliveries, 100,000 keys, 3 MiB. */
        public static final Limits DEFAULTS =
                new Limits(2, 1_000, 100_000, SignedDelivery.META_MAX_BODY_BYTES);

        public Limits {
            if (threads < 1 || queueCapacity < 1 || rememberedDeliveries < 1 || maxBodyBytes < 1) {
                throw new IllegalArgumentException("every limit must be positive");
            }
        }
    }

    private record Gate(HubHandshake handshake, SignedDelivery signature) {}

    private final Map<Provider, Gate> gates = new EnumMap<>(Provider.class);
    private final ProviderAccounts accounts;
    private final ProviderInbound inbound;
    private final Consumer<DeadLetter> deadLetters;
    private final SeenDeliveries seen;
    private final ThreadPoolExecutor handoff;
    private final MeterRegistry metrics;

    /** The production wiring: dead letters to Kafka through {@code publisher}, default limits. */
    public MetaWebhooks(
            ProviderSettings settings,
            ProviderAccounts accounts,
            ProviderInbound inbound,
            EventPublisher publisher,
            MeterRegistry metrics) {
        this(settings, accounts, inbound, toKafka(publisher), Limits.DEFAULTS, metrics);
    }

    /**
     * @param deadLetters where refused deliveries go (the gateway: {@code
     *     EventPublisher::publishDeadLetter}); must not block for long
     */
    public MetaWebhooks(
            ProviderSettings settings,
            ProviderAccounts accounts,
            ProviderInbound inbound,
            Consumer<DeadLetter> deadLetters,
            Limits limits,
            MeterRegistry metrics) {
        for (Provider p : Provider.values()) {
            settings.app(p)
                    .ifPresent(
                            app ->
                                    gates.put(
                                            p,
                                            new Gate(
                                                    new HubHandshake(app.verifyToken()),
                                                    new SignedDelivery(
                                                            Hmac.withSecret(app.appSecret()),
                                                            limits.maxBodyBytes()))));
        }
        this.accounts = accounts;
        this.inbound = inbound;
        this.deadLetters = deadLetters;
        this.seen = new SeenDeliveries(limits.rememberedDeliveries());
        this.metrics = metrics == null ? new SimpleMeterRegistry() : metrics;
        AtomicInteger n = new AtomicInteger();
        this.handoff =
                new ThreadPoolExecutor(
                        limits.threads(),
                        limits.threads(),
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(limits.queueCapacity()),
                        r -> {
                            Thread t = new Thread(r, "meta-webhooks-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public HttpAnswer answer(
            String provider,
            String method,
            Map<String, List<String>> query,
            Map<String, String> headers,
            byte[] body) {
        try {
            Optional<Provider> known = provider(provider);
            if (known.isEmpty()) {
                return HttpAnswer.problem(404, "Not Found", "no webhook named " + provider);
            }
            Provider p = known.get();
            Gate gate = gates.get(p);
            if (gate == null) {
                count(p, "off");
                return HttpAnswer.problem(
                        404, "Not Found", p.id() + " is not configured on this gateway");
            }
            if ("GET".equalsIgnoreCase(method)) {
                return handshake(p, gate, query == null ? Map.of() : query);
            }
            if ("POST".equalsIgnoreCase(method)) {
                return delivery(
                        p,
                        gate,
                        headers == null ? null : headers.get(SIGNATURE),
                        body == null ? new byte[0] : body);
            }
            return HttpAnswer.problem(405, "Method Not Allowed", "use GET or POST");
        } catch (RuntimeException e) {
            LOG.error("webhook {} {} failed", provider, method, e);
            return HttpAnswer.problem(
                    503, "Service Unavailable", "the delivery could not be taken; retry later");
        }
    }

    private HttpAnswer handshake(Provider p, Gate gate, Map<String, List<String>> query) {
        HubHandshake.Answer answer =
                gate.handshake()
                        .answer(
                                first(query, "hub.mode"),
                                first(query, "hub.verify_token"),
                                first(query, "hub.challenge"));
        if (answer instanceof HubHandshake.Challenge challenge) {
            count(p, "handshake");
            return HttpAnswer.text(200, challenge.challenge());
        }
        count(p, "handshake_refused");
        LOG.info("{} verification refused: {}", p.id(), ((HubHandshake.Refusal) answer).reason());
        return HttpAnswer.problem(403, "Forbidden", "verification refused");
    }

    private HttpAnswer delivery(Provider p, Gate gate, String signature, byte[] body) {
        SignedDelivery.Verdict verdict = gate.signature().check(body, signature);
        if (verdict instanceof SignedDelivery.Refused refused) {
            count(p, refused.reason().name().toLowerCase(Locale.ROOT));
            return switch (refused.reason()) {
                case TOO_LARGE ->
                        HttpAnswer.problem(
                                413,
                                "Payload Too Large",
                                "the body is over the provider's maximum");
                case UNSIGNED ->
                        HttpAnswer.problem(
                                401, "Unauthorized", "the delivery has no X-Hub-Signature-256");
                case BAD_SIGNATURE ->
                        HttpAnswer.problem(
                                401, "Unauthorized", "X-Hub-Signature-256 does not match the body");
            };
        }
        try {
            handoff.execute(() -> process(p, body));
        } catch (RejectedExecutionException e) {
            count(p, "busy");
            return HttpAnswer.problem(
                    503,
                    "Service Unavailable",
                    "too many deliveries waiting; the provider will retry (Retry-After: 5)");
        }
        count(p, "accepted");
        return HttpAnswer.text(200, "EVENT_RECEIVED");
    }

    /** Runs on the hand-off executor; never throws. */
    void process(Provider p, byte[] body) {
        try {
            WebhookBatch batch;
            try {
                batch =
                        p == Provider.WHATSAPP
                                ? WhatsAppPayload.parse(body)
                                : InstagramPayload.parse(body);
            } catch (MalformedPayloadException e) {
                count(p, "malformed");
                deadLetter(p, "malformed " + p.id() + " webhook: " + e.getMessage(), body);
                return;
            }
            Set<String> unknownAccounts = new TreeSet<>();
            for (InboundMessage m : batch.messages()) {
                if (!seen.firstSeen(m.dedupeKey())) {
                    count(p, "duplicate");
                    continue;
                }
                Optional<ProviderAccounts.Account> account = accounts.account(p, m.accountId());
                if (account.isEmpty()) {
                    unknownAccounts.add(m.accountId());
                    continue;
                }
                count(p, "message");
                hand(() -> inbound.message(account.get().tenant(), m), p, m.dedupeKey());
            }
            for (DeliveryStatus s : batch.statuses()) {
                if (!seen.firstSeen(s.dedupeKey())) {
                    count(p, "duplicate");
                    continue;
                }
                Optional<ProviderAccounts.Account> account = accounts.account(p, s.accountId());
                if (account.isEmpty()) {
                    unknownAccounts.add(String.valueOf(s.accountId()));
                    continue;
                }
                count(p, "status");
                hand(() -> inbound.status(account.get().tenant(), s), p, s.dedupeKey());
            }
            if (!batch.skipped().isEmpty()) {
                metrics.counter("ringstream.gateway.webhook.skipped", "provider", p.id())
                        .increment(batch.skipped().size());
            }
            if (!unknownAccounts.isEmpty()) {
                count(p, "unknown_account");
                deadLetter(
                        p,
                        p.id()
                                + " webhook for account(s) "
                                + unknownAccounts
                                + " not configured in RINGSTREAM_CHANNELS_FILE",
                        body);
            }
        } catch (RuntimeException e) {
            LOG.error("{} webhook processing failed", p.id(), e);
            deadLetter(p, p.id() + " webhook processing failed: " + e, body);
        }
    }

    private void hand(Runnable call, Provider p, String key) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // ProviderInbound promises not to throw; if it does, the others in the body still go.
            LOG.error("{} hand-off of {} failed", p.id(), key, e);
            count(p, "inbound_error");
        }
    }

    private void deadLetter(Provider p, String reason, byte[] body) {
        try {
            deadLetters.accept(
                    DeadLetter.fromFrame(
                            reason,
                            Components.CHANNEL_GATEWAY,
                            DeadLetter.Origin.HTTP,
                            new String(body, StandardCharsets.UTF_8),
                            System.currentTimeMillis()));
            count(p, "dead_letter");
        } catch (RuntimeException e) {
            LOG.error("{} dead letter could not be written: {}", p.id(), reason, e);
        }
    }

    private void count(Provider p, String outcome) {
        metrics.counter("ringstream.gateway.webhook", "provider", p.id(), "outcome", outcome)
                .increment();
    }

    /** How many deliveries wait for a hand-off thread now. */
    public int queued() {
        return handoff.getQueue().size();
    }

    @Override
    public void close() {
        handoff.shutdown();
        try {
            if (!handoff.awaitTermination(5, TimeUnit.SECONDS)) {
                handoff.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handoff.shutdownNow();
        }
    }

    private static Optional<Provider> provider(String name) {
        for (Provider p : Provider.values()) {
            if (p.id().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Consumer<DeadLetter> toKafka(EventPublisher publisher) {
        return letter ->
                publisher
                        .publishDeadLetter(letter)
                        .whenComplete(
                                (ok, error) -> {
                                    if (error != null) {
                                        LOG.error(
                                                "dead letter not written ({}): {}",
                                                letter.reason(),
                                                error.toString());
                                    }
                                });
    }
}
