package io.ringstream.gateway;

import static io.ringstream.testkit.ws.JsonWebSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.topics.Topics;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.ws.JsonWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gateway end to end: a real WebSocket client, the in-JVM Kafka broker and a recording stand-in
 * routing-service. Each test uses its own conversations, so they share one gateway.
 */
class ChannelGatewayITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    static final String SECRET = "an-integration-test-secret-of-32-bytes+";
    static final String ORIGIN = "http://127.0.0.1:8080";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final TokenIssuer TOKENS =
            new TokenIssuer(SigningKey.fromSecret(SECRET), Clock.systemUTC());

    static FakeRoutingService routing;
    static ChannelGateway gateway;

    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("RINGSTREAM_GATEWAY_PORT", "0");
        env.put("RINGSTREAM_GATEWAY_HOST", "127.0.0.1");
        env.put("RINGSTREAM_KAFKA_BOOTSTRAP", KAFKA.bootstrapServers());
        env.put("RINGSTREAM_JWT_SECRET", SECRET);
        env.put("RINGSTREAM_ROUTING_URL", routing.url().toString());
        env.put("RINGSTREAM_ROUTING_TOKEN", "pbx-test-token");
        env.put("RINGSTREAM_CHAT_ALLOWED_ORIGINS", ORIGIN + ",http://localhost:8080");
        // Every test client comes from 127.0.0.1: the per-address caps are tested on their own.
        env.put("RINGSTREAM_CHAT_MAX_SESSIONS_PER_ADDRESS", "200");
        env.put("RINGSTREAM_CHAT_ADDRESS_MESSAGES_PER_SECOND", "100000");
        env.putAll(extra);
        return env;
    }

    @BeforeAll
    static void start() throws Exception {
        routing = new FakeRoutingService();
        gateway = ChannelGateway.start(GatewaySettings.fromEnvironment(env(Map.of())));
        await().atMost(WAIT).until(gateway::ready);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (routing != null) {
            routing.close();
        }
    }

    static String token(String subject, Role role) {
        return TOKENS.issue(Caller.of(subject, "default", role), Duration.ofMinutes(10));
    }

    static JsonWebSocket visitor(ChannelGateway g) {
        return JsonWebSocket.open(g.port(), ORIGIN);
    }

    static JsonNode startChat(JsonWebSocket visitor, String email) {
        visitor.send(
                frame("start")
                        .with("widget", "demo")
                        .with("topic", "sales")
                        .with("name", "Ana")
                        .with("email", email)
                        .with("language", "en"));
        return visitor.await("session");
    }

    static Assignment assignment(
            AssignmentType type, String contactId, String agentId, String customerId) {
        return new Assignment(
                1,
                Assignment.idOf("default", "offer-" + contactId, type),
                type,
                "default",
                System.currentTimeMillis(),
                "routing-job",
                "offer-" + contactId,
                contactId,
                agentId,
                type == AssignmentType.OFFERED ? "chat:" + agentId : null,
                "sales",
                Channel.CHAT,
                1,
                type == AssignmentType.OFFERED ? System.currentTimeMillis() + 30_000 : null,
                customerId,
                null,
                null,
                Map.of());
    }

    static ContactEvent awaitContactEvent(String contactId, ContactEventType type) {
        return KAFKA.awaitRecords(
                        Topics.CONTACT_EVENTS,
                        e -> e.contactId().equals(contactId) && e.type() == type,
                        1,
                        WAIT)
                .get(0);
    }

    static HttpResponse<String> get(ChannelGateway g, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aChatFromStartThroughAgentReplyAndResumeToClose() throws Exception {
        routing.customerId = "cust-42";
        JsonWebSocket visitor = visitor(gateway);
        JsonNode session = startChat(visitor, "ana@example.com");
        String contactId = session.path("conversationId").asText();
        String sessionToken = session.path("token").asText();
        assertThat(session.path("lastSeq").asLong()).isZero();

        awaitContactEvent(contactId, ContactEventType.QUEUED);
        await().atMost(WAIT)
                .until(
                        () ->
                                !routing.callsTo("/v1/route").isEmpty()
                                        && routing.callsTo("/v1/route").stream()
                                                .anyMatch(c -> c.body().contains(contactId)));
        FakeRoutingService.Call route =
                routing.callsTo("/v1/route").stream()
                        .filter(c -> c.body().contains(contactId))
                        .findFirst()
                        .orElseThrow();
        assertThat(route.authorization()).isEqualTo("Bearer pbx-test-token");
        JsonNode routeBody = JSON.readTree(route.body());
        assertThat(routeBody.path("channel").asText()).isEqualTo("CHAT");
        assertThat(routeBody.path("waitMillis").asLong()).isZero();
        assertThat(routeBody.path("queue").asText()).isEqualTo("sales");
        assertThat(routeBody.path("identity").path("kind").asText()).isEqualTo("EMAIL");
        assertThat(routeBody.path("identity").path("value").asText()).isEqualTo("ana@example.com");

        visitor.send(frame("send").with("clientId", "v-1").with("text", "hello"));
        assertThat(visitor.await("ack").path("seq").asLong()).isEqualTo(1);

        JsonWebSocket agent = visitor(gateway);
        agent.send(frame("hello").with("token", token("1001", Role.AGENT)));
        assertThat(agent.await("welcome").path("agentId").asText()).isEqualTo("1001");

        KAFKA.produce(
                Topics.ROUTING_ASSIGNMENTS,
                assignment(AssignmentType.OFFERED, contactId, "1001", "cust-42"));
        KAFKA.produce(
                Topics.ROUTING_ASSIGNMENTS,
                assignment(AssignmentType.ACCEPTED, contactId, "1001", "cust-42"));
        assertThat(visitor.await("agent_joined").path("agent").path("id").asText())
                .isEqualTo("1001");
        JsonNode conversation =
                agent.await(
                        "conversation", f -> f.path("conversationId").asText().equals(contactId));
        assertThat(conversation.path("channel").asText()).isEqualTo("CHAT");
        assertThat(conversation.path("provider").asText()).isEqualTo("WEBCHAT");
        assertThat(conversation.path("visitor").path("email").asText())
                .isEqualTo("ana@example.com");
        assertThat(conversation.path("messages").get(0).path("text").asText()).isEqualTo("hello");
        assertThat(awaitContactEvent(contactId, ContactEventType.ANSWERED).agentId())
                .isEqualTo("1001");
        assertThat(awaitContactEvent(contactId, ContactEventType.IDENTIFIED).customerId())
                .isEqualTo("cust-42");

        agent.send(
                frame("send")
                        .with("conversationId", contactId)
                        .with("clientId", "a-1")
                        .with("text", "Hi Ana, how can I help?"));
        assertThat(agent.await("ack").path("seq").asLong()).isEqualTo(2);
        visitor.await("message", f -> f.path("seq").asLong() == 2);

        // The visitor's tab reloads having seen only message 1: it resumes with no gap and no copy.
        visitor.close();
        visitor.awaitClose();
        JsonWebSocket back = visitor(gateway);
        back.send(frame("resume").with("token", sessionToken).with("lastSeq", 1));
        JsonNode resumed = back.await("resumed");
        assertThat(resumed.path("conversationId").asText()).isEqualTo(contactId);
        assertThat(resumed.path("agent").path("id").asText()).isEqualTo("1001");
        back.await("message", f -> f.path("seq").asLong() == 2);
        back.send(frame("send").with("clientId", "v-1").with("text", "hello"));
        JsonNode duplicate = back.await("ack");
        assertThat(duplicate.path("duplicate").asBoolean()).isTrue();
        assertThat(duplicate.path("seq").asLong()).isEqualTo(1);
        back.send(frame("send").with("clientId", "v-2").with("text", "my order is late"));
        agent.await("message", f -> f.path("seq").asLong() == 3);
        assertThat(back.ofType("message"))
                .extracting(f -> f.path("seq").asLong())
                .containsExactly(2L, 3L);

        back.send(frame("close"));
        assertThat(back.await("closed").path("by").asText()).isEqualTo("VISITOR");
        agent.await("closed", f -> f.path("conversationId").asText().equals(contactId));
        ContactEvent ended = awaitContactEvent(contactId, ContactEventType.ENDED);
        assertThat(ended.channel()).isEqualTo(Channel.CHAT);
        await().atMost(WAIT)
                .until(() -> routing.callsTo("/v1/contacts/" + contactId + "/end").size() == 1);
        assertThat(routing.callsTo("/v1/contacts/" + contactId + "/end").get(0).query())
                .isEqualTo("tenant=default");

        List<InteractionEvent> messages =
                KAFKA.awaitRecords(
                        Topics.INTERACTIONS, e -> e.contactId().equals(contactId), 3, WAIT);
        assertThat(messages)
                .extracting(InteractionEvent::text)
                .containsExactlyInAnyOrder("hello", "Hi Ana, how can I help?", "my order is late");
        assertThat(messages).extracting(InteractionEvent::eventId).doesNotHaveDuplicates();
        back.close();
        agent.close();
    }

    @Test
    void aVisitorWhoLeavesUnansweredAbandons() {
        JsonWebSocket visitor = visitor(gateway);
        String contactId = startChat(visitor, "bo@example.com").path("conversationId").asText();
        visitor.send(frame("close"));
        visitor.await("closed");
        awaitContactEvent(contactId, ContactEventType.ABANDONED);
        awaitContactEvent(contactId, ContactEventType.ENDED);
        await().atMost(WAIT)
                .until(() -> routing.callsTo("/v1/contacts/" + contactId + "/abandon").size() == 1);
        assertThat(routing.callsTo("/v1/contacts/" + contactId + "/end")).isEmpty();
        visitor.close();
    }

    @Test
    void anOriginNotAllowedIsRefusedBeforeTheUpgrade() throws Exception {
        assertThatThrownBy(() -> JsonWebSocket.open(gateway.port(), "https://evil.example"))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(
                        e ->
                                assertThat(
                                                ((WebSocketHandshakeException) e.getCause())
                                                        .getResponse()
                                                        .statusCode())
                                        .isEqualTo(403));
        HttpResponse<String> plain =
                get(gateway, "/chat/ws", Map.of("Origin", "https://evil.example"));
        assertThat(plain.statusCode()).isEqualTo(403);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(plain.body()).path("status").asInt()).isEqualTo(403);
        assertThat(gateway.metrics().count("origin")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anOversizedFrameCloses1009AndATooLongTextIsRefusedWithoutClosing() {
        JsonWebSocket visitor = visitor(gateway);
        startChat(visitor, "cy@example.com");
        visitor.send(frame("send").with("clientId", "v-long").with("text", "x".repeat(4_001)));
        assertThat(visitor.await("error").path("code").asText()).isEqualTo("too-long");
        visitor.send(frame("ping").with("ref", "still-there"));
        visitor.await("pong");

        visitor.send(frame("send").with("clientId", "v-huge").with("text", "x".repeat(17_000)));
        assertThat(visitor.awaitClose()).isEqualTo(1009);
        assertThat(gateway.metrics().count("frame-too-large")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void malformedFramesGetAnErrorAndTheConnectionStays() {
        JsonWebSocket visitor = visitor(gateway);
        visitor.send("this is not json");
        visitor.send("{\"type\":\"dance\",\"ref\":\"r-7\"}");
        visitor.await("error", f -> "r-7".equals(f.path("ref").asText()));
        assertThat(visitor.ofType("error"))
                .extracting(f -> f.path("code").asText())
                .containsOnly("bad-frame");
        startChat(visitor, "di@example.com");
        visitor.close();
    }

    @Test
    void aFloodIsRateLimitedThenClosed4429() {
        JsonWebSocket visitor = visitor(gateway);
        startChat(visitor, "ed@example.com");
        for (int i = 0; i < 30 && !visitor.closeCode.isDone(); i++) {
            try {
                visitor.send(frame("send").with("clientId", "f-" + i).with("text", "spam " + i));
            } catch (CompletionException closedMeanwhile) {
                break;
            }
        }
        assertThat(visitor.awaitClose()).isEqualTo(4429);
        assertThat(visitor.ofType("error"))
                .extracting(f -> f.path("code").asText())
                .contains("rate-limited");
        assertThat(visitor.ofType("ack")).isNotEmpty();
    }

    @Test
    void anUnknownSessionCloses4404AndABadAgentToken4401() {
        JsonWebSocket stranger = visitor(gateway);
        stranger.send(frame("resume").with("token", "not-a-session").with("lastSeq", 0));
        assertThat(stranger.await("error").path("code").asText()).isEqualTo("unknown-session");
        assertThat(stranger.awaitClose()).isEqualTo(4404);

        JsonWebSocket forger = visitor(gateway);
        forger.send(frame("hello").with("token", "not.a.jwt"));
        assertThat(forger.awaitClose()).isEqualTo(4401);
        JsonWebSocket supervisor = visitor(gateway);
        supervisor.send(frame("hello").with("token", token("sam", Role.SUPERVISOR)));
        assertThat(supervisor.await("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(supervisor.awaitClose()).isEqualTo(4401);
    }

    @Test
    void healthIsOpenMetricsNeedASupervisorAndWebhooksWithoutProvidersAre404() throws Exception {
        assertThat(get(gateway, "/health", Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = get(gateway, "/metrics", Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).path("title").asText())
                .isEqualTo("Unauthorized");
        assertThat(
                        get(
                                        gateway,
                                        "/metrics",
                                        Map.of(
                                                "Authorization",
                                                "Bearer " + token("1001", Role.AGENT)))
                                .statusCode())
                .isEqualTo(403);
        HttpResponse<String> metrics =
                get(
                        gateway,
                        "/metrics",
                        Map.of("Authorization", "Bearer " + token("sam", Role.SUPERVISOR)));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("ringstream_gateway_limit_total")
                .contains("ringstream_gateway_sessions");

        HttpResponse<String> webhook =
                HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                "http://127.0.0.1:"
                                                        + gateway.port()
                                                        + "/webhooks/whatsapp"))
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(webhook.statusCode()).isEqualTo(404);
        assertThat(webhook.headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(get(gateway, "/nothing-here", Map.of()).statusCode()).isEqualTo(404);

        try (RawClient raw = new RawClient(gateway.port(), 64 * 1024)) {
            raw.write(
                    "POST /webhooks/whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: "
                            + (3 * 1024 * 1024 + 1)
                            + "\r\n\r\n{");
            String answer = raw.readToEnd();
            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        }
    }

    @Test
    void sessionsOverTheCapAreClosed4503() throws Exception {
        try (ChannelGateway capped =
                ChannelGateway.start(
                        GatewaySettings.fromEnvironment(
                                env(Map.of("RINGSTREAM_CHAT_MAX_SESSIONS_PER_ADDRESS", "2"))))) {
            JsonWebSocket one = visitor(capped);
            JsonWebSocket two = visitor(capped);
            JsonWebSocket three = visitor(capped);
            assertThat(three.awaitClose()).isEqualTo(4503);
            startChat(one, "fi@example.com");
            startChat(two, "gu@example.com");
            assertThat(capped.metrics().count("too-many-sessions")).isEqualTo(1);
            one.close();
            one.awaitClose();
            // The freed place can be taken again.
            await().atMost(WAIT).until(() -> admitted(capped));
        }
    }

    @Test
    void aClientThatNeverReadsIsClosedWithoutGrowingBuffersAndOthersCarryOn() throws Exception {
        try (ChannelGateway slow =
                ChannelGateway.start(
                        GatewaySettings.fromEnvironment(
                                env(
                                        Map.of(
                                                "RINGSTREAM_CHAT_MESSAGES_PER_SECOND", "100000",
                                                "RINGSTREAM_CHAT_BURST", "100000",
                                                "RINGSTREAM_CHAT_MAX_PENDING_FRAMES", "8",
                                                "RINGSTREAM_CHAT_MAX_PENDING_BYTES", "65536"))))) {
            await().atMost(WAIT).until(slow::ready);
            JsonWebSocket visitor = visitor(slow);
            String contactId = startChat(visitor, "ha@example.com").path("conversationId").asText();
            try (RawClient stuckAgent = new RawClient(slow.port(), 1024)) {
                assertThat(stuckAgent.upgrade(ORIGIN)).contains(" 101 ");
                stuckAgent.sendText(
                        frame("hello").with("token", token("3003", Role.AGENT)).toString());
                KAFKA.produce(
                        Topics.ROUTING_ASSIGNMENTS,
                        assignment(AssignmentType.ACCEPTED, contactId, "3003", null));
                visitor.await("agent_joined");
                // Everything the visitor writes goes to the agent, who never reads it.
                String text = "y".repeat(3_900);
                for (int i = 0; i < 5_000 && slow.metrics().count("slow-consumer") == 0; i++) {
                    visitor.send(frame("send").with("clientId", "s-" + i).with("text", text));
                }
                assertThat(slow.metrics().count("slow-consumer")).isEqualTo(1);
            }
            visitor.send(frame("send").with("clientId", "after").with("text", "still here"));
            visitor.await("ack", f -> "after".equals(f.path("clientId").asText()));
            JsonWebSocket other = visitor(slow);
            startChat(other, "io@example.com");
            other.close();
            visitor.close();
        }
    }

    @Test
    void anIdleConnectionIsClosed4408AndAnIdleConversationEnds() {
        try (ChannelGateway idle =
                ChannelGateway.start(
                        GatewaySettings.fromEnvironment(
                                env(
                                        Map.of(
                                                "RINGSTREAM_CHAT_IDLE_SECONDS", "1",
                                                "RINGSTREAM_CHAT_CONVERSATION_IDLE_SECONDS",
                                                        "2"))))) {
            JsonWebSocket visitor = visitor(idle);
            String contactId = startChat(visitor, "jo@example.com").path("conversationId").asText();
            assertThat(visitor.awaitClose()).isEqualTo(4408);
            assertThat(idle.metrics().count("idle")).isEqualTo(1);
            ContactEvent ended = awaitContactEvent(contactId, ContactEventType.ENDED);
            assertThat(ended.reason()).isIn("closed-by-idle", "closed-by-visitor");
        }
    }

    @Test
    void theProvidersSideGetsTheInboundAndServesTheWebhooks() throws Exception {
        java.util.concurrent.atomic.AtomicReference<io.ringstream.gateway.providers.ProviderInbound>
                inbound = new java.util.concurrent.atomic.AtomicReference<>();
        ProviderWiring wiring =
                context -> {
                    inbound.set(context.inbound());
                    return new ProviderWiring.Providers(
                            (provider, method, query, headers, body) ->
                                    io.ringstream.gateway.http.HttpAnswer.text(
                                            200,
                                            provider
                                                    + " "
                                                    + method
                                                    + " "
                                                    + query.get("hub.challenge")
                                                    + " "
                                                    + headers.get("x-hub-signature-256")
                                                    + " "
                                                    + body.length),
                            reply ->
                                    java.util.concurrent.CompletableFuture.completedFuture(
                                            new io.ringstream.gateway.providers.SendOutcome.Sent(
                                                    "wamid.out-1", null)),
                            () -> {});
                };
        try (ChannelGateway withProviders =
                ChannelGateway.start(GatewaySettings.fromEnvironment(env(Map.of())), wiring)) {
            await().atMost(WAIT).until(withProviders::ready);
            HttpResponse<String> answer =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    "http://127.0.0.1:"
                                                            + withProviders.port()
                                                            + "/webhooks/instagram?hub.challenge=42"))
                                    .header("X-Hub-Signature-256", "sha256=ab")
                                    .POST(HttpRequest.BodyPublishers.ofString("12345"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("instagram POST [42] sha256=ab 5");

            String sender = String.format("+3460%07d", System.nanoTime() % 10_000_000);
            inbound.get()
                    .message(
                            "default",
                            new io.ringstream.channels.webhook.InboundMessage(
                                    io.ringstream.channels.webhook.Provider.WHATSAPP,
                                    "phone-1",
                                    sender,
                                    "Luis",
                                    "wamid.in-" + sender,
                                    System.currentTimeMillis(),
                                    io.ringstream.channels.webhook.MessageKind.TEXT,
                                    "hola",
                                    List.of()));
            FakeRoutingService.Call route =
                    await().atMost(WAIT)
                            .until(
                                    () ->
                                            routing.callsTo("/v1/route").stream()
                                                    .filter(c -> c.body().contains(sender))
                                                    .findFirst(),
                                    java.util.Optional::isPresent)
                            .orElseThrow();
            JsonNode body = JSON.readTree(route.body());
            assertThat(body.path("channel").asText()).isEqualTo("MESSAGING");
            assertThat(body.path("identity").path("kind").asText()).isEqualTo("WHATSAPP");
            String contactId = body.path("contactId").asText();
            InteractionEvent message =
                    KAFKA.awaitRecords(
                                    Topics.INTERACTIONS,
                                    e -> e.contactId().equals(contactId),
                                    1,
                                    WAIT)
                            .get(0);
            assertThat(message.channel()).isEqualTo(Channel.MESSAGING);

            JsonWebSocket agent = visitor(withProviders);
            agent.send(frame("hello").with("token", token("4004", Role.AGENT)));
            agent.await("welcome");
            KAFKA.produce(
                    Topics.ROUTING_ASSIGNMENTS,
                    assignment(AssignmentType.ACCEPTED, contactId, "4004", null));
            JsonNode conversation = agent.await("conversation");
            assertThat(conversation.path("provider").asText()).isEqualTo("WHATSAPP");
            agent.send(
                    frame("send")
                            .with("conversationId", contactId)
                            .with("clientId", "a-1")
                            .with("text", "buenas"));
            assertThat(agent.await("ack").path("seq").asLong()).isEqualTo(2);
            inbound.get()
                    .status(
                            "default",
                            new io.ringstream.channels.webhook.DeliveryStatus(
                                    io.ringstream.channels.webhook.Provider.WHATSAPP,
                                    "wamid.out-1",
                                    sender,
                                    io.ringstream.channels.webhook.DeliveryStatus.State.DELIVERED,
                                    System.currentTimeMillis(),
                                    null));
            JsonNode receipt = agent.await("receipt");
            assertThat(receipt.path("seq").asLong()).isEqualTo(2);
            assertThat(receipt.path("status").asText()).isEqualTo("delivered");
            agent.close();
        }
    }

    /** Whether a new connection is let in (answers a ping) rather than closed 4503. */
    static boolean admitted(ChannelGateway g) {
        JsonWebSocket again = visitor(g);
        try {
            again.send(frame("ping"));
        } catch (CompletionException closed) {
            return false;
        }
        await().atMost(WAIT)
                .until(() -> again.closeCode.isDone() || !again.ofType("pong").isEmpty());
        boolean in = !again.ofType("pong").isEmpty();
        again.close();
        return in;
    }
}
