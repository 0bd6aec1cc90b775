package io.ringstream.gateway.providers;

import static io.ringstream.gateway.providers.MetaBodies.APP_SECRET;
import static io.ringstream.gateway.providers.MetaBodies.VERIFY_TOKEN;
import static io.ringstream.gateway.providers.MetaBodies.WA_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.gateway.http.HttpAnswer;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.meta.FakeMetaProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signed webhooks from the fake Meta provider over a real socket (a JDK HTTP server stands in for
 * the gateway's Netty server and calls the route as it does), with dead letters on a real broker: a
 * malformed signed body and a delivery for an unknown account each leave exactly one dead letter
 * with its reason, and a good delivery none.
 */
class MetaWebhooksITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final RecordingInbound inbound = new RecordingInbound();
    private final FakeMetaProvider meta = FakeMetaProvider.start();
    private MetaWebhooks webhooks;
    private HttpServer server;
    private URI whatsAppUrl;

    @BeforeEach
    void start() throws Exception {
        webhooks =
                new MetaWebhooks(
                        MetaBodies.settings(meta.apiUrl()),
                        MetaBodies.accounts(false),
                        inbound,
                        KAFKA.publisher(),
                        new SimpleMeterRegistry());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/webhooks/",
                exchange -> {
                    try (exchange) {
                        byte[] body;
                        try (InputStream in = exchange.getRequestBody()) {
                            body = in.readAllBytes();
                        }
                        Map<String, String> headers = new LinkedHashMap<>();
                        exchange.getRequestHeaders()
                                .forEach(
                                        (k, v) ->
                                                headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
                        String path = exchange.getRequestURI().getPath();
                        HttpAnswer answer =
                                webhooks.answer(
                                        path.substring(path.lastIndexOf('/') + 1),
                                        exchange.getRequestMethod(),
                                        query(exchange.getRequestURI().getRawQuery()),
                                        headers,
                                        body);
                        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
                        byte[] out = answer.body();
                        exchange.sendResponseHeaders(
                                answer.status(), out.length == 0 ? -1 : out.length);
                        if (out.length > 0) {
                            try (OutputStream o = exchange.getResponseBody()) {
                                o.write(out);
                            }
                        }
                    }
                });
        server.start();
        whatsAppUrl =
                URI.create(
                        "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/whatsapp");
        KAFKA.mark();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        webhooks.close();
        meta.close();
    }

    @Test
    void theFakeProvidersHandshakeAndSignedDeliveryArePassed() {
        FakeMetaProvider.Answer challenge =
                meta.verify(whatsAppUrl, "subscribe", VERIFY_TOKEN, "987654321");
        String id = "wamid." + UUID.randomUUID();

        FakeMetaProvider.Answer delivered =
                meta.deliverSigned(
                        whatsAppUrl, APP_SECRET, MetaBodies.whatsAppText(WA_NUMBER, id, "hi"));

        assertThat(challenge.status()).isEqualTo(200);
        assertThat(challenge.body()).isEqualTo("987654321");
        assertThat(delivered.status()).isEqualTo(200);
        await().atMost(TIMEOUT).until(() -> inbound.messages.size() == 1);
        assertThat(inbound.messages.get(0).message().messageId()).isEqualTo(id);
        assertThat(
                        meta.deliver(
                                        whatsAppUrl,
                                        null,
                                        MetaBodies.bytes(
                                                MetaBodies.whatsAppText(WA_NUMBER, id, "x")))
                                .status())
                .isEqualTo(401);
        webhooks.close();
        assertThat(
                        KAFKA.readRawSinceMark(Topics.DEAD_LETTERS.name(), TIMEOUT).stream()
                                .filter(
                                        r ->
                                                new String(r.value(), StandardCharsets.UTF_8)
                                                        .contains(id))
                                .count())
                .isZero();
    }

    @Test
    void aMalformedSignedBodyIsExactlyOneDeadLetterWithItsReasonAndRawBody() {
        String marker = UUID.randomUUID().toString();
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":\"" + marker + "\"}";

        FakeMetaProvider.Answer answer = meta.deliverSigned(whatsAppUrl, APP_SECRET, body);

        assertThat(answer.status()).isEqualTo(200);
        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS, d -> d.payload().contains(marker), 1, TIMEOUT);
        assertThat(letters).hasSize(1);
        DeadLetter letter = letters.get(0);
        assertThat(letter.reason()).startsWith("malformed whatsapp webhook: ").contains("$.entry");
        assertThat(letter.component()).isEqualTo("channel-gateway");
        assertThat(letter.origin()).isEqualTo(DeadLetter.Origin.HTTP);
        assertThat(letter.payload()).isEqualTo(body);
        // Nothing else for this body arrives later (the whole topic since the mark, read to its
        // end).
        webhooks.close();
        assertThat(
                        KAFKA.readRawSinceMark(Topics.DEAD_LETTERS.name(), TIMEOUT).stream()
                                .filter(
                                        r ->
                                                new String(r.value(), StandardCharsets.UTF_8)
                                                        .contains(marker))
                                .count())
                .isEqualTo(1);
        assertThat(inbound.messages).isEmpty();
    }

    @Test
    void aDeliveryForAnUnknownNumberIsADeadLetterAndItsRetryAddsNone() {
        String id = "wamid." + UUID.randomUUID();
        String body = MetaBodies.whatsAppText("555000111", id, "wrong number");

        meta.deliverSigned(whatsAppUrl, APP_SECRET, body);
        meta.deliverSigned(whatsAppUrl, APP_SECRET, body);

        List<DeadLetter> letters =
                KAFKA.awaitRecords(Topics.DEAD_LETTERS, d -> d.payload().contains(id), 1, TIMEOUT);
        assertThat(letters.get(0).reason()).contains("[555000111]");
        webhooks.close();
        assertThat(
                        KAFKA.readRawSinceMark(Topics.DEAD_LETTERS.name(), TIMEOUT).stream()
                                .filter(
                                        r ->
                                                new String(r.value(), StandardCharsets.UTF_8)
                                                        .contains(id))
                                .count())
                .isEqualTo(1);
        assertThat(inbound.messages).isEmpty();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name =
                    URLDecoder.decode(
                            eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value =
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
