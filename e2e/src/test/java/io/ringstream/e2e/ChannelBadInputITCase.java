package io.ringstream.e2e;

import static io.ringstream.testkit.ws.JsonWebSocket.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.ChannelGateway;
import io.ringstream.gateway.GatewaySettings;
import io.ringstream.routing.contract.RouteAnswer;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TargetDirectories;
import io.ringstream.testkit.meta.FakeMetaProvider;
import io.ringstream.testkit.ws.JsonWebSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input at the channel gateway (real Kafka, the WhatsApp provider on, the fake Meta provider)
 * while one healthy visitor ↔ agent session runs throughout: unsigned and wrongly signed webhooks,
 * a replayed delivery, signed malformed JSON, an oversized body and frame, a flood, a client that
 * never reads. channel-gateway's own ITCases prove each refusal; this test proves that none of it
 * costs the other session anything: afterwards it still exchanges messages, its numbers gap-free,
 * and the gateway is up.
 */
class ChannelBadInputITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORIGIN = "http://127.0.0.1:8080";
    private static final String SECRET = ChatStack.WHATSAPP_APP_SECRET;
    private static final String TENANT = "bad-" + UUID.randomUUID().toString().substring(0, 8);

    private static HttpServer routing;
    private static FakeMetaProvider meta;
    private static ChannelGateway gateway;
    private static URI webhook;

    @BeforeAll
    static void start() throws IOException {
        routing = stubRouting();
        meta = FakeMetaProvider.start();
        Path channels = TargetDirectories.create("bad-input-").resolve("channels.json");
        Files.writeString(
                channels,
                """
                {"widgets": {"demo": {"tenant": "%1$s", "defaultTopic": "sales",
                   "topics": {"sales": {"queue": "sales", "skills": {}}}}},
                 "whatsapp": {"numbers": {"%2$s": {"tenant": "%1$s", "queue": "sales"}}}}
                """
                        .formatted(TENANT, ChatStack.WHATSAPP_NUMBER_ID));
        RoutingStack.tokens(); // creates the shared signing key file
        Map<String, String> env = new HashMap<>();
        env.put(GatewaySettings.PORT, "0");
        env.put(GatewaySettings.HOST, "127.0.0.1");
        env.put(GatewaySettings.KAFKA, KAFKA.bootstrapServers());
        env.put(
                GatewaySettings.JWT_SECRET + "_FILE",
                RoutingStack.SIGNING_KEY.toAbsolutePath().toString());
        env.put(GatewaySettings.ROUTING_URL, "http://127.0.0.1:" + routing.getAddress().getPort());
        env.put("RINGSTREAM_ROUTING_TOKEN", "pbx-token");
        env.put(GatewaySettings.ALLOWED_ORIGINS, ORIGIN);
        env.put(GatewaySettings.CHANNELS_FILE, channels.toString());
        env.put(GatewaySettings.MAX_SESSIONS_PER_ADDRESS, "500");
        // Every client comes from 127.0.0.1: the per-address rate would make the flood everyone's.
        env.put(GatewaySettings.ADDRESS_RATE, "100000");
        // A never-reading client is cut off early, as in channel-gateway's own test.
        env.put(GatewaySettings.MAX_PENDING_FRAMES, "8");
        env.put(GatewaySettings.MAX_PENDING_BYTES, "65536");
        env.put("RINGSTREAM_WHATSAPP_APP_SECRET", SECRET);
        env.put("RINGSTREAM_WHATSAPP_VERIFY_TOKEN", "verify-token");
        env.put("RINGSTREAM_WHATSAPP_ACCESS_TOKEN", "access-token");
        env.put("RINGSTREAM_WHATSAPP_API_URL", meta.apiUrl().toString());
        gateway = ChannelGateway.start(GatewaySettings.fromEnvironment(env));
        await().atMost(WAIT).until(gateway::ready);
        webhook = URI.create("http://127.0.0.1:" + gateway.port() + "/webhooks/whatsapp");
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (meta != null) {
            meta.close();
        }
        if (routing != null) {
            routing.stop(0);
        }
    }

    @Test
    void badInputCostsTheHealthySessionNothing() throws Exception {
        // The healthy session: a visitor and the agent who accepted her chat.
        JsonWebSocket visitor = JsonWebSocket.open(gateway.port(), ORIGIN);
        visitor.send(frame("start").with("widget", "demo").with("name", "Ana"));
        String contactId = visitor.await("session").path("conversationId").asText();
        JsonWebSocket agent = JsonWebSocket.open(gateway.port(), ORIGIN);
        agent.send(frame("hello").with("token", agentToken("7007")));
        agent.await("welcome");
        accept(contactId, "7007");
        visitor.await("agent_joined");
        agent.await("conversation", f -> f.path("conversationId").asText().equals(contactId));
        int sent = 0;
        sent = exchange(visitor, agent, contactId, sent);

        // Webhooks: unsigned and wrongly signed are 401.
        String good = whatsApp("wamid.bad-input." + UUID.randomUUID(), "Hello there");
        byte[] body = good.getBytes(StandardCharsets.UTF_8);
        assertThat(meta.deliver(webhook, null, body).status()).isEqualTo(401);
        assertThat(meta.deliver(webhook, "sha256=" + "0".repeat(64), body).status()).isEqualTo(401);
        sent = exchange(visitor, agent, contactId, sent);

        // A replayed delivery is processed once; a signed malformed body is one dead letter.
        KAFKA.mark();
        String replayedId = "wamid.replayed." + UUID.randomUUID();
        String replayed = whatsApp(replayedId, "I wrote once");
        assertThat(meta.deliverSigned(webhook, SECRET, replayed).status()).isEqualTo(200);
        assertThat(meta.deliverSigned(webhook, SECRET, replayed).status()).isEqualTo(200);
        String marker = "malformed-" + UUID.randomUUID();
        String malformed = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"" + marker;
        assertThat(meta.deliverSigned(webhook, SECRET, malformed).status()).isEqualTo(200);
        List<DeadLetter> letters =
                KAFKA.awaitRecords(Topics.DEAD_LETTERS, d -> d.payload().contains(marker), 1, WAIT);
        assertThat(letters).singleElement();
        assertThat(letters.get(0).reason()).startsWith("malformed whatsapp webhook");
        assertThat(letters.get(0).component()).isEqualTo("channel-gateway");
        String lastId = "wamid.after-replay." + UUID.randomUUID();
        meta.deliverSigned(webhook, SECRET, whatsApp(lastId, "And once more"));
        KAFKA.awaitRecords(
                Topics.INTERACTIONS,
                e -> lastId.equals(e.attributes().get("providerMessageId")),
                1,
                WAIT);
        assertThat(rawSinceMark(Topics.INTERACTIONS.name(), replayedId))
                .as("the replayed delivery is one interaction")
                .isEqualTo(1);
        assertThat(rawSinceMark(Topics.DEAD_LETTERS.name(), marker))
                .as("the malformed body is one dead letter")
                .isEqualTo(1);
        sent = exchange(visitor, agent, contactId, sent);

        // An oversized body is 413, before it is read.
        assertThat(oversizedWebhook()).startsWith("HTTP/1.1 413");
        // An oversized frame closes only its own connection (1009).
        JsonWebSocket big = JsonWebSocket.open(gateway.port(), ORIGIN);
        big.send(frame("start").with("widget", "demo"));
        big.await("session");
        big.send(frame("send").with("clientId", "huge").with("text", "x".repeat(17_000)));
        assertThat(big.awaitClose()).isEqualTo(1009);
        sent = exchange(visitor, agent, contactId, sent);

        // A flood above the rate limit is refused, then closed 4429.
        JsonWebSocket flood = JsonWebSocket.open(gateway.port(), ORIGIN);
        flood.send(frame("start").with("widget", "demo"));
        flood.await("session");
        for (int i = 0; i < 40 && !flood.closeCode.isDone(); i++) {
            try {
                flood.send(frame("send").with("clientId", "f-" + i).with("text", "spam " + i));
            } catch (CompletionException closedMeanwhile) {
                break;
            }
        }
        assertThat(flood.awaitClose()).isEqualTo(4429);
        sent = exchange(visitor, agent, contactId, sent);

        // A client that never reads (an agent whose socket is full) is dropped, nothing buffered.
        neverReadingAgentIsDropped();
        sent = exchange(visitor, agent, contactId, sent);

        // The healthy session lost nothing: every message on both sides, numbered 1..n.
        assertThat(seqs(visitor, contactId)).isEqualTo(seqs(agent, contactId));
        List<Long> expected = new ArrayList<>();
        for (long s = 1; s <= sent; s++) {
            expected.add(s);
        }
        assertThat(seqs(visitor, contactId)).containsExactlyElementsOf(expected);
        assertThat(visitor.ofType("error")).isEmpty();
        assertThat(visitor.closeCode).isNotDone();
        assertThat(agent.closeCode).isNotDone();
        assertThat(
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://127.0.0.1:"
                                                                        + gateway.port()
                                                                        + "/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                .isEqualTo(200);
        JsonWebSocket newcomer = JsonWebSocket.open(gateway.port(), ORIGIN);
        newcomer.send(frame("start").with("widget", "demo"));
        newcomer.await("session");
        newcomer.close();
    }

    /** One message each way; returns how many the conversation has numbered. */
    private static int exchange(
            JsonWebSocket visitor, JsonWebSocket agent, String contactId, int sent) {
        String v = "v-" + (sent + 1);
        visitor.send(frame("send").with("clientId", v).with("text", "visitor says " + v));
        agent.await("message", f -> v.equals(f.path("clientId").asText()));
        String a = "a-" + (sent + 2);
        agent.send(
                frame("send")
                        .with("conversationId", contactId)
                        .with("clientId", a)
                        .with("text", "agent says " + a));
        visitor.await("message", f -> a.equals(f.path("clientId").asText()));
        return sent + 2;
    }

    /** The message numbers a client received for the conversation, in arrival order. */
    private static List<Long> seqs(JsonWebSocket client, String contactId) {
        List<Long> seqs = new ArrayList<>();
        for (JsonNode m : client.ofType("message")) {
            if (m.path("conversationId").asText().equals(contactId)) {
                seqs.add(m.path("seq").asLong());
            }
        }
        for (JsonNode c : client.ofType("conversation")) {
            for (JsonNode m : c.path("messages")) {
                seqs.add(0, m.path("seq").asLong());
            }
        }
        return seqs.stream().sorted().toList();
    }

    private void neverReadingAgentIsDropped() throws Exception {
        double before = gateway.metrics().count("slow-consumer");
        try (Socket stuck = new Socket()) {
            stuck.setReceiveBufferSize(1024);
            stuck.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), gateway.port()));
            OutputStream out = stuck.getOutputStream();
            out.write(
                    ("GET /chat/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                    + "Sec-WebSocket-Version: 13\r\nOrigin: "
                                    + ORIGIN
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = stuck.getInputStream();
            stuck.setSoTimeout(30_000);
            assertThat(readUntil(in, "\r\n\r\n")).contains(" 101 ");
            out.write(maskedText("{\"type\":\"hello\",\"token\":\"" + agentToken("8008") + "\"}"));
            out.flush();
            // It reads its welcome, then never reads again.
            readUntil(in, "welcome");
            // Visitors whose chats the stuck agent accepted write within their rate limit; what
            // they write goes to the agent, who never reads.
            String text = "y".repeat(3_900);
            for (int v = 0; v < 100 && gateway.metrics().count("slow-consumer") == before; v++) {
                JsonWebSocket writer = JsonWebSocket.open(gateway.port(), ORIGIN);
                writer.send(frame("start").with("widget", "demo"));
                String id = writer.await("session").path("conversationId").asText();
                accept(id, "8008");
                writer.await("agent_joined");
                for (int i = 0; i < 10; i++) {
                    writer.send(frame("send").with("clientId", "w-" + i).with("text", text));
                }
                writer.await("ack", f -> "w-9".equals(f.path("clientId").asText()));
                writer.close();
            }
        }
        assertThat(gateway.metrics().count("slow-consumer")).isGreaterThan(before);
    }

    /** Reads byte by byte until {@code marker} has been read; returns what was read. */
    private static String readUntil(InputStream in, String marker) throws IOException {
        StringBuilder read = new StringBuilder();
        while (read.indexOf(marker) < 0) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before " + marker + ": " + read);
            }
            read.append((char) b);
        }
        return read.toString();
    }

    /** A client's masked text frame (clients must mask), for the raw never-reading socket. */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** POSTs a body announced as 3 MiB + 1 over a raw socket; returns the answer's text. */
    private static String oversizedWebhook() throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            s.setSoTimeout(30_000);
            s.getOutputStream()
                    .write(
                            ("POST /webhooks/whatsapp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Content-Type: application/json\r\nContent-Length: "
                                            + (3 * 1024 * 1024 + 1)
                                            + "\r\n\r\n{")
                                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** How many records on {@code topic} since the mark contain {@code text}. */
    private static long rawSinceMark(String topic, String text) {
        return KAFKA.readRawSinceMark(topic, Duration.ofSeconds(10)).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(text))
                .count();
    }

    private static void accept(String contactId, String agentId) {
        KAFKA.produce(
                Topics.ROUTING_ASSIGNMENTS,
                new Assignment(
                        1,
                        Assignment.idOf(TENANT, "offer-" + contactId, AssignmentType.ACCEPTED),
                        AssignmentType.ACCEPTED,
                        TENANT,
                        System.currentTimeMillis(),
                        "routing-job",
                        "offer-" + contactId,
                        contactId,
                        agentId,
                        null,
                        "sales",
                        Channel.CHAT,
                        1,
                        null,
                        null,
                        null,
                        null,
                        Map.of()));
    }

    private static String agentToken(String agentId) {
        return RoutingStack.tokens()
                .issue(Caller.of(agentId, TENANT, Role.AGENT), Duration.ofMinutes(30));
    }

    private static String whatsApp(String id, String text) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "310000000000001",
                  "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "493012345600", "phone_number_id": "%s"},
                    "contacts": [{"profile": {"name": "Jana"}, "wa_id": "4915112345678"}],
                    "messages": [{"from": "4915112345678", "id": "%s", "timestamp": "%d",
                                  "type": "text", "text": {"body": "%s"}}]}}]}]}
                """
                .formatted(
                        ChatStack.WHATSAPP_NUMBER_ID, id, System.currentTimeMillis() / 1000, text);
    }

    private static byte[] waiting(byte[] body) throws IOException {
        JsonNode request = JSON.readTree(body);
        return JSON.writeValueAsBytes(
                RouteAnswer.waiting(
                        request.path("tenant").asText(),
                        request.path("contactId").asText(),
                        request.path("queue").asText(),
                        1,
                        null,
                        5,
                        null));
    }

    /**
     * routing-service's part, stubbed: every route waits (the test assigns agents itself through
     * {@code routing-assignments}), every other command is accepted.
     */
    private static HttpServer stubRouting() {
        try {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext(
                    "/",
                    exchange -> {
                        try (exchange) {
                            byte[] body = exchange.getRequestBody().readAllBytes();
                            boolean route = exchange.getRequestURI().getPath().equals("/v1/route");
                            byte[] answer =
                                    route ? waiting(body) : "{}".getBytes(StandardCharsets.UTF_8);
                            exchange.getResponseHeaders().add("Content-Type", "application/json");
                            exchange.sendResponseHeaders(route ? 200 : 202, answer.length);
                            exchange.getResponseBody().write(answer);
                        }
                    });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
