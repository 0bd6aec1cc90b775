package io.ringstream.gateway.providers;

import static io.ringstream.gateway.providers.MetaBodies.IG_ACCOUNT;
import static io.ringstream.gateway.providers.MetaBodies.WA_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringstream.channels.ServiceWindow;
import io.ringstream.channels.webhook.Provider;
import io.ringstream.testkit.meta.FakeMetaProvider;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The send API against a local server playing Meta's Graph API. */
class MetaSendApiTest {
    private static final long NOW = 1_750_900_000_000L;
    private static final long HOUR = 3_600_000L;
    private static final MetaSendApi.Options FAST =
            new MetaSendApi.Options(3, Duration.ofMillis(10), 2.0, Duration.ofSeconds(5), 100);

    private final FakeMetaProvider meta = FakeMetaProvider.start();
    private MetaSendApi api = api(MetaBodies.accounts(true));

    @AfterEach
    void close() {
        api.close();
        meta.close();
    }

    private MetaSendApi api(ProviderAccounts accounts) {
        return new MetaSendApi(
                MetaBodies.settings(meta.apiUrl()),
                accounts,
                FAST,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    private static OutboundReply whatsApp(String clientId, String text, Long lastInbound) {
        return new OutboundReply(
                "default",
                Provider.WHATSAPP,
                WA_NUMBER,
                "+4915112345678",
                "wa-conv-1",
                clientId,
                text,
                Optional.ofNullable(lastInbound),
                ServiceWindow.Author.HUMAN_AGENT);
    }

    private static OutboundReply instagram(String clientId, String text, Long lastInbound) {
        return new OutboundReply(
                "default",
                Provider.INSTAGRAM,
                IG_ACCOUNT,
                "6650000000000001",
                "ig-conv-1",
                clientId,
                text,
                Optional.ofNullable(lastInbound),
                ServiceWindow.Author.HUMAN_AGENT);
    }

    private SendOutcome send(OutboundReply reply) throws Exception {
        return api.send(reply).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aWhatsAppReplyInsideTheWindowIsATextMessage() throws Exception {
        SendOutcome outcome = send(whatsApp("a-1", "Your parcel left today.", NOW - HOUR));

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("wamid.fake.1", null));
        assertThat(meta.calls()).hasSize(1);
        FakeMetaProvider.Call call = meta.calls().get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/v25.0/" + WA_NUMBER + "/messages");
        assertThat(call.header("Authorization")).isEqualTo("Bearer wa-access-token");
        assertThat(call.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = call.json();
        assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
        assertThat(body.path("recipient_type").asText()).isEqualTo("individual");
        assertThat(body.path("to").asText()).isEqualTo("4915112345678");
        assertThat(body.path("type").asText()).isEqualTo("text");
        assertThat(body.path("text").path("body").asText()).isEqualTo("Your parcel left today.");
    }

    @Test
    void a429AndA503AreRetriedThenTheSendSucceeds() throws Exception {
        meta.answerNext(429, 503);

        SendOutcome outcome = send(whatsApp("a-2", "retry me", NOW - HOUR));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(meta.calls()).hasSize(3);
        assertThat(meta.calls())
                .extracting(FakeMetaProvider.Call::body)
                .containsOnly(meta.calls().get(0).body());
    }

    @Test
    void whenEveryAttemptFailsTheOutcomeIsFailedWithTheLastAnswer() throws Exception {
        meta.answerNext(500, 502, 503, 504);

        SendOutcome outcome = send(whatsApp("a-3", "doomed", NOW - HOUR));

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).reason())
                .contains("HTTP 503 after 3 attempts")
                .contains("fake provider answered 503");
        assertThat(meta.calls()).hasSize(3);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        meta.answerNext(400);

        SendOutcome outcome = send(whatsApp("a-4", "bad", NOW - HOUR));

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).reason()).startsWith("HTTP 400");
        assertThat(meta.calls()).hasSize(1);
    }

    @Test
    void networkErrorsAreRetriedThenFail() throws Exception {
        api.close();
        api =
                new MetaSendApi(
                        MetaBodies.settings(URI.create("http://127.0.0.1:1/v25.0")),
                        MetaBodies.accounts(true),
                        FAST,
                        Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

        SendOutcome outcome = send(whatsApp("a-5", "nobody listens", NOW - HOUR));

        assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
        assertThat(((SendOutcome.Failed) outcome).reason()).startsWith("network error after 3");
    }

    @Test
    void theSameReplySentAgainAnswersTheFirstOutcomeWithoutASecondCall() throws Exception {
        OutboundReply reply = whatsApp("a-6", "only once", NOW - HOUR);

        SendOutcome first = send(reply);
        SendOutcome again = send(reply);
        SendOutcome otherConversation =
                send(
                        new OutboundReply(
                                "default",
                                Provider.WHATSAPP,
                                WA_NUMBER,
                                "+4915112345678",
                                "wa-conv-2",
                                "a-6",
                                "only once",
                                Optional.of(NOW - HOUR),
                                ServiceWindow.Author.HUMAN_AGENT));

        assertThat(again).isEqualTo(first);
        assertThat(otherConversation).isNotEqualTo(first);
        assertThat(meta.calls()).hasSize(2);
    }

    @Test
    void aResendWhileTheFirstIsRetryingJoinsIt() throws Exception {
        meta.answerNext(503);
        OutboundReply reply = whatsApp("a-7", "patience", NOW - HOUR);

        var first = api.send(reply);
        var second = api.send(reply);

        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(first.get(30, TimeUnit.SECONDS));
        assertThat(meta.calls()).hasSize(2);
    }

    @Test
    void outsideTheWhatsAppWindowTheConfiguredTemplateGoesOut() throws Exception {
        SendOutcome outcome = send(whatsApp("a-8", "are you there?", NOW - 25 * HOUR));

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("wamid.fake.1", "hello_again"));
        JsonNode body = meta.calls().get(0).json();
        assertThat(body.path("type").asText()).isEqualTo("template");
        assertThat(body.path("template").path("name").asText()).isEqualTo("hello_again");
        assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("en_US");
        assertThat(body.has("text")).isFalse();
    }

    @Test
    void outsideTheWhatsAppWindowWithoutTemplateTheAgentGetsTheReason() throws Exception {
        api.close();
        api = api(MetaBodies.accounts(false));

        SendOutcome outcome = send(whatsApp("a-9", "hello?", NOW - 25 * HOUR));

        assertThat(outcome)
                .isEqualTo(
                        new SendOutcome.Refused(
                                ServiceWindow.Reason.NO_TEMPLATE_CONFIGURED.explanation()));
        assertThat(meta.calls()).isEmpty();
    }

    @Test
    void anInstagramReplyInsideTheWindowIsAResponse() throws Exception {
        SendOutcome outcome = send(instagram("i-1", "Yes, we ship to Norway.", NOW - HOUR));

        assertThat(outcome).isEqualTo(new SendOutcome.Sent("mid.fake.1", null));
        FakeMetaProvider.Call call = meta.calls().get(0);
        assertThat(call.path()).isEqualTo("/v25.0/" + IG_ACCOUNT + "/messages");
        assertThat(call.header("Authorization")).isEqualTo("Bearer ig-access-token");
        JsonNode body = call.json();
        assertThat(body.path("recipient").path("id").asText()).isEqualTo("6650000000000001");
        assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
        assertThat(body.has("tag")).isFalse();
        assertThat(body.path("message").path("text").asText()).isEqualTo("Yes, we ship to Norway.");
    }

    @Test
    void anInstagramHumanAgentReplyAfterADayCarriesTheHumanAgentTag() throws Exception {
        SendOutcome outcome = send(instagram("i-2", "Sorry for the wait.", NOW - 3 * 24 * HOUR));

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        JsonNode body = meta.calls().get(0).json();
        assertThat(body.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
        assertThat(body.path("tag").asText()).isEqualTo("HUMAN_AGENT");
    }

    @Test
    void anInstagramReplyAfterSevenDaysIsRefused() throws Exception {
        SendOutcome outcome = send(instagram("i-3", "Still there?", NOW - 8 * 24 * HOUR));

        assertThat(outcome)
                .isEqualTo(
                        new SendOutcome.Refused(
                                ServiceWindow.Reason.HUMAN_AGENT_WINDOW_CLOSED.explanation()));
        assertThat(meta.calls()).isEmpty();
    }

    @Test
    void anAccountOfAnotherTenantOrAnOffProviderIsRefused() throws Exception {
        OutboundReply otherTenant =
                new OutboundReply(
                        "acme",
                        Provider.WHATSAPP,
                        WA_NUMBER,
                        "+4915112345678",
                        "wa-conv-9",
                        "x-1",
                        "hi",
                        Optional.of(NOW - HOUR),
                        ServiceWindow.Author.HUMAN_AGENT);
        assertThat(send(otherTenant)).isInstanceOf(SendOutcome.Refused.class);

        api.close();
        api =
                new MetaSendApi(
                        ProviderSettings.off(),
                        MetaBodies.accounts(true),
                        FAST,
                        Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        assertThat(send(whatsApp("x-2", "hi", NOW - HOUR)))
                .isEqualTo(new SendOutcome.Refused("whatsapp is not configured on this gateway"));
        assertThat(meta.calls()).isEmpty();
    }

    @Test
    void anInstagramTextOverTheLimitIsRefusedBeforeSending() throws Exception {
        SendOutcome outcome = send(instagram("i-4", "x".repeat(1001), NOW - HOUR));

        assertThat(outcome).isInstanceOf(SendOutcome.Refused.class);
        assertThat(meta.calls()).isEmpty();
    }
}
