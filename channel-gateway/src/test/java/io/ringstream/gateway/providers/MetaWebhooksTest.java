package io.ringstream.gateway.providers;

import static io.ringstream.gateway.providers.MetaBodies.APP_SECRET;
import static io.ringstream.gateway.providers.MetaBodies.IG_ACCOUNT;
import static io.ringstream.gateway.providers.MetaBodies.IG_SECRET;
import static io.ringstream.gateway.providers.MetaBodies.VERIFY_TOKEN;
import static io.ringstream.gateway.providers.MetaBodies.WA_NUMBER;
import static io.ringstream.gateway.providers.MetaBodies.bytes;
import static io.ringstream.gateway.providers.MetaBodies.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringstream.channels.webhook.DeliveryStatus;
import io.ringstream.channels.webhook.InboundMessage;
import io.ringstream.events.DeadLetter;
import io.ringstream.gateway.http.HttpAnswer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook route without a server or Kafka: handshake, the gate, the hand-off, dedupe and the
 * tenant lookup. Dead letters are recorded here; {@code MetaWebhooksITCase} checks them on Kafka.
 */
class MetaWebhooksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingInbound inbound = new RecordingInbound();
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private MetaWebhooks webhooks =
            new MetaWebhooks(
                    MetaBodies.settings(URI.create("http://127.0.0.1:9")),
                    MetaBodies.accounts(false),
                    inbound,
                    deadLetters::add,
                    new MetaWebhooks.Limits(1, 16, 1_000, 64 * 1024),
                    metrics);

    @AfterEach
    void close() {
        webhooks.close();
    }

    @Test
    void theHandshakeEchoesTheChallengeToTheRightToken() {
        HttpAnswer ok = get("whatsapp", "subscribe", VERIFY_TOKEN, "1158201444");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(text(ok)).isEqualTo("1158201444");
        assertThat(ok.contentType()).startsWith("text/plain");
    }

    @Test
    void theHandshakeRefusesAWrongOrMissingToken() {
        HttpAnswer wrong = get("instagram", "subscribe", "guess", "1158201444");
        HttpAnswer missing = get("whatsapp", "subscribe", null, "1158201444");

        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.contentType()).isEqualTo("application/problem+json");
        assertThat(text(wrong)).doesNotContain("1158201444");
        assertThat(missing.status()).isEqualTo(403);
    }

    @Test
    void anUnsignedDeliveryIs401AndNothingIsHandedOn() {
        byte[] body = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.u1", "hi"));

        HttpAnswer answer = webhooks.answer("whatsapp", "POST", Map.of(), Map.of(), body);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(counter("whatsapp", "unsigned")).isEqualTo(1);
        assertThat(inbound.messages).isEmpty();
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aBadSignatureIs401() {
        byte[] body = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.b1", "hi"));
        byte[] other = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.b2", "hi"));

        // Signed with another secret, and a valid signature of other bytes.
        assertThat(post("whatsapp", sign(IG_SECRET, body), body).status()).isEqualTo(401);
        assertThat(post("whatsapp", sign(APP_SECRET, other), body).status()).isEqualTo(401);
        assertThat(post("whatsapp", "sha256=zz", body).status()).isEqualTo(401);
        assertThat(counter("whatsapp", "bad_signature")).isEqualTo(3);
        assertThat(inbound.messages).isEmpty();
    }

    @Test
    void anOversizedBodyIs413BeforeItsSignatureMatters() {
        byte[] body = new byte[64 * 1024 + 1];

        HttpAnswer answer = post("whatsapp", sign(APP_SECRET, body), body);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void aSignedMessageIsAnswered200AndHandedOnWithItsTenant() {
        byte[] body = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.ok1", "Hello"));

        HttpAnswer answer = post("whatsapp", sign(APP_SECRET, body), body);

        assertThat(answer.status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> inbound.messages.size() == 1);
        RecordingInbound.Message m = inbound.messages.get(0);
        assertThat(m.tenant()).isEqualTo("default");
        assertThat(m.message().messageId()).isEqualTo("wamid.ok1");
        assertThat(m.message().text()).isEqualTo("Hello");
        assertThat(m.message().senderId()).isEqualTo("+4915112345678");
    }

    @Test
    void anInstagramMessageIsCheckedWithInstagramsSecret() {
        byte[] body = bytes(MetaBodies.instagramText(IG_ACCOUNT, "mid.1", "Do you ship?"));

        assertThat(post("instagram", sign(APP_SECRET, body), body).status()).isEqualTo(401);
        assertThat(post("instagram", sign(IG_SECRET, body), body).status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> inbound.messages.size() == 1);
        InboundMessage m = inbound.messages.get(0).message();
        assertThat(m.senderId()).isEqualTo("6650000000000001");
        assertThat(m.accountId()).isEqualTo(IG_ACCOUNT);
    }

    @Test
    void aReplayedDeliveryIsProcessedOnce() {
        byte[] body = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.r1", "once"));
        String signature = sign(APP_SECRET, body);

        assertThat(post("whatsapp", signature, body).status()).isEqualTo(200);
        assertThat(post("whatsapp", signature, body).status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> counter("whatsapp", "duplicate") == 1);
        assertThat(inbound.messages).hasSize(1);
        assertThat(deadLetters).isEmpty();
    }

    @Test
    void eachStatusIsHandedOnOnceWithTheTenantOfItsNumber() {
        byte[] delivered = bytes(MetaBodies.whatsAppStatus(WA_NUMBER, "wamid.s1", "delivered"));
        byte[] read = bytes(MetaBodies.whatsAppStatus(WA_NUMBER, "wamid.s1", "read"));

        post("whatsapp", sign(APP_SECRET, delivered), delivered);
        post("whatsapp", sign(APP_SECRET, delivered), delivered);
        post("whatsapp", sign(APP_SECRET, read), read);

        await().atMost(WAIT)
                .until(() -> inbound.statuses.size() == 2 && counter("whatsapp", "duplicate") == 1);
        assertThat(inbound.statuses)
                .extracting(s -> s.tenant(), s -> s.status().status())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "default", DeliveryStatus.State.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("default", DeliveryStatus.State.READ));
    }

    @Test
    void aMalformedSignedBodyIsOneDeadLetterAndStill200() {
        byte[] body =
                bytes("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":7}]}");

        assertThat(post("whatsapp", sign(APP_SECRET, body), body).status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> deadLetters.size() == 1);
        DeadLetter letter = deadLetters.get(0);
        assertThat(letter.reason()).startsWith("malformed whatsapp webhook: ");
        assertThat(letter.component()).isEqualTo("channel-gateway");
        assertThat(letter.origin()).isEqualTo(DeadLetter.Origin.HTTP);
        assertThat(letter.payload()).isEqualTo(new String(body, StandardCharsets.UTF_8));
        assertThat(inbound.messages).isEmpty();
    }

    @Test
    void aDeliveryForAnUnknownAccountIsADeadLetterNamingIt() {
        byte[] body = bytes(MetaBodies.whatsAppText("999000999", "wamid.x1", "who?"));

        assertThat(post("whatsapp", sign(APP_SECRET, body), body).status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> deadLetters.size() == 1);
        assertThat(deadLetters.get(0).reason()).contains("[999000999]").contains("not configured");
        assertThat(inbound.messages).isEmpty();
    }

    @Test
    void aProviderWithoutAppSecretAnswers404() {
        webhooks.close();
        webhooks =
                new MetaWebhooks(
                        ProviderSettings.off(),
                        MetaBodies.accounts(false),
                        inbound,
                        deadLetters::add,
                        MetaWebhooks.Limits.DEFAULTS,
                        metrics);
        byte[] body = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.o1", "hi"));

        assertThat(post("whatsapp", sign(APP_SECRET, body), body).status()).isEqualTo(404);
        assertThat(get("whatsapp", "subscribe", VERIFY_TOKEN, "1").status()).isEqualTo(404);
        assertThat(webhooks.answer("telegram", "GET", Map.of(), Map.of(), new byte[0]).status())
                .isEqualTo(404);
    }

    @Test
    void aFullHandOffQueueAnswers503SoTheProviderRetries() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ProviderInbound blocking =
                new RecordingInbound() {
                    @Override
                    public void message(String tenant, InboundMessage message) {
                        entered.countDown();
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        super.message(tenant, message);
                    }
                };
        webhooks.close();
        webhooks =
                new MetaWebhooks(
                        MetaBodies.settings(URI.create("http://127.0.0.1:9")),
                        MetaBodies.accounts(false),
                        blocking,
                        deadLetters::add,
                        new MetaWebhooks.Limits(1, 1, 1_000, 64 * 1024),
                        metrics);
        byte[] first = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.q1", "1"));
        byte[] second = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.q2", "2"));
        byte[] third = bytes(MetaBodies.whatsAppText(WA_NUMBER, "wamid.q3", "3"));

        assertThat(post("whatsapp", sign(APP_SECRET, first), first).status()).isEqualTo(200);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(post("whatsapp", sign(APP_SECRET, second), second).status()).isEqualTo(200);
        HttpAnswer busy = post("whatsapp", sign(APP_SECRET, third), third);
        release.countDown();

        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.contentType()).isEqualTo("application/problem+json");
        assertThat(counter("whatsapp", "busy")).isEqualTo(1);
        // Meta's retry of the refused delivery is then taken.
        await().atMost(WAIT).until(() -> webhooks.queued() == 0);
        assertThat(post("whatsapp", sign(APP_SECRET, third), third).status()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405() {
        assertThat(webhooks.answer("whatsapp", "PUT", Map.of(), Map.of(), new byte[0]).status())
                .isEqualTo(405);
    }

    private HttpAnswer get(String provider, String mode, String token, String challenge) {
        Map<String, List<String>> query = new java.util.HashMap<>();
        if (mode != null) {
            query.put("hub.mode", List.of(mode));
        }
        if (token != null) {
            query.put("hub.verify_token", List.of(token));
        }
        if (challenge != null) {
            query.put("hub.challenge", List.of(challenge));
        }
        return webhooks.answer(provider, "GET", query, Map.of(), new byte[0]);
    }

    private HttpAnswer post(String provider, String signature, byte[] body) {
        return webhooks.answer(
                provider, "POST", Map.of(), Map.of("x-hub-signature-256", signature), body);
    }

    private double counter(String provider, String outcome) {
        var c =
                metrics.find("ringstream.gateway.webhook")
                        .tags("provider", provider, "outcome", outcome)
                        .counter();
        return c == null ? 0 : c.count();
    }

    private static String text(HttpAnswer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
