package io.ringstream.gateway.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.ringstream.channels.ServiceWindow;
import io.ringstream.channels.webhook.Provider;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends agents' replies through WhatsApp Cloud API ({@code POST <api>/<phone-number-id>/messages})
 * and Instagram messaging ({@code POST <api>/<account id>/messages}), so a reply typed on the
 * desktop reaches the customer's phone (docs/channels.md, "Send API").
 *
 * <ul>
 *   <li>The service window ({@link ServiceWindow}) decides first: free-form text (on Instagram with
 *       the {@code HUMAN_AGENT} tag after the standard window), the configured WhatsApp template
 *       when the window is closed, or a refusal whose sentence the agent reads.
 *   <li>Retries with exponential backoff (resilience4j) on 429, 5xx and I/O errors only, at most
 *       {@link Options#maxAttempts()} attempts; any other answer is final.
 *   <li>Idempotent: a reply with the same provider, account, conversation and client message id as
 *       one of the last {@link Options#rememberedReplies()} answers that reply's outcome without a
 *       second call (also while the first is still in flight).
 *   <li>The future never completes exceptionally: every failure is a {@link SendOutcome.Failed}.
 * </ul>
 *
 * The access token goes in the {@code Authorization} header only, never in a URL or a log line.
 */
public final class MetaSendApi implements ProviderOutbound, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetaSendApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** WhatsApp's limit on a text message body, in characters. */
    public static final int WHATSAPP_MAX_TEXT_CHARS = 4096;

    /** Instagram's limit on a message's text, in UTF-8 bytes. */
    public static final int INSTAGRAM_MAX_TEXT_BYTES = 1000;

    /**
     * How hard to try.
     *
     * @param maxAttempts the most calls per reply, the first included
     * @param firstBackoff the wait before the second attempt; each later wait is {@code multiplier}
     *     times the previous
     * @param requestTimeout how long one call may take before it counts as an I/O error
     * @param rememberedReplies how many replies' outcomes are kept for idempotence
     */
    public record Options(
            int maxAttempts,
            Duration firstBackoff,
            double multiplier,
            Duration requestTimeout,
            int rememberedReplies) {
        /** 4 attempts, 500 ms then 1 s then 2 s apart, 10 s per call, 10,000 replies. */
        public static final Options DEFAULTS =
                new Options(4, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10), 10_000);

        public Options {
            if (maxAttempts < 1 || rememberedReplies < 1 || multiplier < 1.0) {
                throw new IllegalArgumentException(
                        "attempts and remembered replies are positive, the multiplier at least 1");
            }
            if (firstBackoff.isNegative() || firstBackoff.isZero() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("backoff and timeout must be positive");
            }
        }
    }

    private final ProviderSettings settings;
    private final ProviderAccounts accounts;
    private final Options options;
    private final Clock clock;
    private final HttpClient http;
    private final Retry retry;
    private final ScheduledExecutorService retryTimer;
    private final SentReplies sent;
    private final ServiceWindow whatsAppWindow;
    private final ServiceWindow instagramWindow = ServiceWindow.instagram();

    /** With the default options and the system clock. */
    public MetaSendApi(ProviderSettings settings, ProviderAccounts accounts) {
        this(settings, accounts, Options.DEFAULTS, Clock.systemUTC());
    }

    /**
     * @param clock the service window's "now"
     */
    public MetaSendApi(
            ProviderSettings settings, ProviderAccounts accounts, Options options, Clock clock) {
        this.settings = settings;
        this.accounts = accounts;
        this.options = options;
        this.clock = clock;
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(options.requestTimeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build();
        this.retry =
                Retry.of(
                        "meta-send",
                        RetryConfig.<HttpResponse<String>>custom()
                                .maxAttempts(options.maxAttempts())
                                .intervalFunction(
                                        IntervalFunction.ofExponentialBackoff(
                                                options.firstBackoff(), options.multiplier()))
                                .retryOnResult(r -> retriable(r.statusCode()))
                                .retryOnException(MetaSendApi::isIoError)
                                .failAfterMaxAttempts(false)
                                .build());
        this.retryTimer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "meta-send-retry");
                            t.setDaemon(true);
                            return t;
                        });
        this.sent = new SentReplies(options.rememberedReplies());
        this.whatsAppWindow =
                ServiceWindow.whatsApp(accounts.whatsAppTemplate().map(t -> t.name()));
    }

    @Override
    public CompletableFuture<SendOutcome> send(OutboundReply reply) {
        try {
            if (reply == null || reply.provider() == null || reply.clientMessageId() == null) {
                return CompletableFuture.completedFuture(
                        new SendOutcome.Refused(
                                "a reply needs a provider and a client message id"));
            }
            String key =
                    String.join(
                            "\u001f",
                            reply.provider().id(),
                            String.valueOf(reply.tenant()),
                            String.valueOf(reply.accountId()),
                            String.valueOf(reply.conversationId()),
                            reply.clientMessageId());
            return sent.once(key, () -> decideAndSend(reply));
        } catch (RuntimeException e) {
            LOG.warn("send of a {} reply failed before any call", reply.provider(), e);
            return CompletableFuture.completedFuture(
                    new SendOutcome.Failed("internal error: " + e.getClass().getSimpleName()));
        }
    }

    private CompletableFuture<SendOutcome> decideAndSend(OutboundReply reply) {
        try {
            Optional<ProviderSettings.App> app = settings.app(reply.provider());
            if (app.isEmpty()) {
                return done(
                        new SendOutcome.Refused(
                                reply.provider().id() + " is not configured on this gateway"));
            }
            Optional<ProviderAccounts.Account> account =
                    accounts.account(reply.provider(), reply.accountId());
            if (account.isEmpty() || !account.get().tenant().equals(reply.tenant())) {
                return done(
                        new SendOutcome.Refused(
                                "account "
                                        + reply.accountId()
                                        + " is not one of this tenant's "
                                        + reply.provider().id()
                                        + " accounts"));
            }
            if (reply.recipientId() == null || reply.recipientId().isBlank()) {
                return done(new SendOutcome.Refused("the reply has no recipient"));
            }
            ServiceWindow window =
                    reply.provider() == Provider.WHATSAPP ? whatsAppWindow : instagramWindow;
            OptionalLong last =
                    reply.lastInboundMillis() == null || reply.lastInboundMillis().isEmpty()
                            ? OptionalLong.empty()
                            : OptionalLong.of(reply.lastInboundMillis().get());
            ServiceWindow.Author author =
                    reply.author() == null ? ServiceWindow.Author.HUMAN_AGENT : reply.author();
            ServiceWindow.Verdict verdict = window.reply(last, clock.millis(), author);
            if (verdict instanceof ServiceWindow.Verdict.Refused refused) {
                return done(new SendOutcome.Refused(refused.reason().explanation()));
            }
            ObjectNode body;
            String template = null;
            if (verdict instanceof ServiceWindow.Verdict.TemplateRequired required) {
                ProviderAccounts.Template t = accounts.whatsAppTemplate().orElseThrow();
                body = MetaMessages.whatsAppTemplate(reply.recipientId(), t);
                template = required.templateName();
            } else {
                Optional<String> tag = ((ServiceWindow.Verdict.FreeForm) verdict).messageTag();
                String text = reply.text() == null ? "" : reply.text();
                Optional<String> tooLong = tooLong(reply.provider(), text);
                if (text.isBlank()) {
                    return done(new SendOutcome.Refused("the reply has no text"));
                }
                if (tooLong.isPresent()) {
                    return done(new SendOutcome.Refused(tooLong.get()));
                }
                body =
                        reply.provider() == Provider.WHATSAPP
                                ? MetaMessages.whatsAppText(reply.recipientId(), text)
                                : MetaMessages.instagramText(reply.recipientId(), text, tag);
            }
            URI uri = URI.create(app.get().apiUrl() + "/" + reply.accountId() + "/messages");
            HttpRequest request =
                    HttpRequest.newBuilder(uri)
                            .timeout(options.requestTimeout())
                            .header("Authorization", "Bearer " + app.get().accessToken())
                            .header("Content-Type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                            JSON.writeValueAsBytes(body)))
                            .build();
            String sentTemplate = template;
            return Retry.decorateCompletionStage(
                            retry,
                            retryTimer,
                            () ->
                                    http.sendAsync(
                                            request,
                                            HttpResponse.BodyHandlers.ofString(
                                                    StandardCharsets.UTF_8)))
                    .get()
                    .toCompletableFuture()
                    .handle((response, error) -> outcome(reply, response, error, sentTemplate));
        } catch (IOException | RuntimeException e) {
            LOG.warn("send of a {} reply failed before any call", reply.provider(), e);
            return done(new SendOutcome.Failed("internal error: " + e.getClass().getSimpleName()));
        }
    }

    private SendOutcome outcome(
            OutboundReply reply, HttpResponse<String> response, Throwable error, String template) {
        if (error != null) {
            Throwable cause = rootCause(error);
            LOG.info("{} send failed after retries: {}", reply.provider().id(), cause.toString());
            return new SendOutcome.Failed(
                    "network error after " + options.maxAttempts() + " attempts: " + cause);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String said = MetaMessages.errorMessage(response.body());
            String reason =
                    retriable(status)
                            ? "HTTP " + status + " after " + options.maxAttempts() + " attempts"
                            : "HTTP " + status;
            return new SendOutcome.Failed(said == null ? reason : reason + ": " + said);
        }
        Optional<String> id = MetaMessages.messageId(reply.provider(), response.body());
        if (id.isEmpty()) {
            return new SendOutcome.Failed("the provider accepted the call but gave no message id");
        }
        return new SendOutcome.Sent(id.get(), template);
    }

    private static Optional<String> tooLong(Provider provider, String text) {
        if (provider == Provider.WHATSAPP && text.length() > WHATSAPP_MAX_TEXT_CHARS) {
            return Optional.of(
                    "WhatsApp messages are at most " + WHATSAPP_MAX_TEXT_CHARS + " characters");
        }
        if (provider == Provider.INSTAGRAM
                && text.getBytes(StandardCharsets.UTF_8).length > INSTAGRAM_MAX_TEXT_BYTES) {
            return Optional.of(
                    "Instagram messages are at most " + INSTAGRAM_MAX_TEXT_BYTES + " bytes");
        }
        return Optional.empty();
    }

    /** 429 (rate limited) and 5xx are worth another try; any other answer is final. */
    static boolean retriable(int status) {
        return status == 429 || status >= 500;
    }

    private static boolean isIoError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    private static CompletableFuture<SendOutcome> done(SendOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /** How many replies' outcomes are remembered now (for tests and metrics). */
    int rememberedReplies() {
        return sent.size();
    }

    @Override
    public void close() {
        retryTimer.shutdownNow();
        try {
            retryTimer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JSON of the send calls and answers, kept apart from the sending. */
    static final class MetaMessages {
        private MetaMessages() {}

        /** WhatsApp wants the number as digits, without {@code +}. */
        static String waId(String recipient) {
            return recipient.startsWith("+") ? recipient.substring(1) : recipient;
        }

        static ObjectNode whatsAppText(String to, String text) {
            ObjectNode body = JSON.createObjectNode();
            body.put("messaging_product", "whatsapp");
            body.put("recipient_type", "individual");
            body.put("to", waId(to));
            body.put("type", "text");
            ObjectNode t = body.putObject("text");
            t.put("preview_url", false);
            t.put("body", text);
            return body;
        }

        static ObjectNode whatsAppTemplate(String to, ProviderAccounts.Template template) {
            ObjectNode body = JSON.createObjectNode();
            body.put("messaging_product", "whatsapp");
            body.put("recipient_type", "individual");
            body.put("to", waId(to));
            body.put("type", "template");
            ObjectNode t = body.putObject("template");
            t.put("name", template.name());
            t.putObject("language").put("code", template.language());
            return body;
        }

        static ObjectNode instagramText(String to, String text, Optional<String> tag) {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("recipient").put("id", to);
            if (tag.isPresent()) {
                body.put("messaging_type", "MESSAGE_TAG");
                body.put("tag", tag.get());
            } else {
                body.put("messaging_type", "RESPONSE");
            }
            body.putObject("message").put("text", text);
            return body;
        }

        /** WhatsApp: {@code messages[0].id}; Instagram: {@code message_id}. */
        static Optional<String> messageId(Provider provider, String body) {
            JsonNode root = parse(body);
            if (root == null) {
                return Optional.empty();
            }
            JsonNode id =
                    provider == Provider.WHATSAPP
                            ? root.path("messages").path(0).path("id")
                            : root.path("message_id");
            return id.isTextual() && !id.asText().isBlank()
                    ? Optional.of(id.asText())
                    : Optional.empty();
        }

        /** Graph API errors: {@code {"error": {"message": ..., "code": ...}}}, shortened. */
        static String errorMessage(String body) {
            JsonNode root = parse(body);
            if (root == null) {
                return null;
            }
            JsonNode message = root.path("error").path("message");
            if (!message.isTextual()) {
                return null;
            }
            String text = message.asText();
            return text.length() > 200 ? text.substring(0, 200) + "…" : text;
        }

        private static JsonNode parse(String body) {
            if (body == null || body.isBlank()) {
                return null;
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }
    }
}
