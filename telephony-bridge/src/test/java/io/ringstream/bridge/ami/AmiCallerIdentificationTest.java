package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.ringstream.bridge.BridgeConfig;
import io.ringstream.bridge.agi.RoutingClient;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.flow.CallFlows;
import io.ringstream.pbxsim.flow.CallScript;
import io.ringstream.routing.contract.client.RoutingCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Caller identification of AMI arrivals through the running bridge: the PBX simulator over a real
 * AMI connection, and a real HTTP server standing in for routing-service's identification endpoint
 * (routing-service's own tests cover the endpoint).
 */
class AmiCallerIdentificationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long T0 = 1_715_677_200_000_000L;

    private final AmiServer pbx = AmiServer.start(0, "ringstream", "s3cret");
    private final RecordingSink sink = new RecordingSink();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CallFlows flows = new CallFlows();
    private volatile int status = 200;
    private volatile String answer = "{\"customerId\":\"k42\",\"candidates\":[]}";
    private volatile boolean hold;
    private HttpServer routing;
    private AmiBridge bridge;

    @AfterEach
    void stop() {
        release.countDown();
        if (bridge != null) {
            bridge.close();
        }
        if (routing != null) {
            routing.stop(0);
        }
        pbx.close();
    }

    @Test
    void aKnownCallerIsIdentifiedOnceAndTheContactsLaterEventsCarryTheCustomer() throws Exception {
        start(2, 10);
        CallScript call = flows.call("sales", "+34612345678", T0);
        call.join(T0 + 1_000);

        emit(call.frames().subList(0, 1));
        await().atMost(WAIT).until(() -> types().contains(ContactEventType.IDENTIFIED));
        emit(call.frames().subList(1, call.frames().size()));
        await().atMost(WAIT).until(() -> types().contains(ContactEventType.QUEUED));

        assertThat(sink.contacts)
                .extracting(ContactEvent::type, ContactEvent::customerId)
                .containsExactly(
                        tuple(ContactEventType.ARRIVED, null),
                        tuple(ContactEventType.IDENTIFIED, "k42"),
                        tuple(ContactEventType.QUEUED, "k42"));
        assertThat(asked)
                .singleElement()
                .asString()
                .startsWith("/v1/contacts/" + call.uniqueid() + "/identification ")
                .contains("\"callerNumber\":\"+34612345678\"", "\"channel\":\"VOICE\"")
                .endsWith("Bearer minted-token");
        assertThat(bridge.callerIdentificationStats().orElseThrow())
                .extracting(CallerIdentifier.Stats::asked, CallerIdentifier.Stats::identified)
                .containsExactly(1L, 1L);
    }

    @Test
    void unknownCallersRefusedNumbersAndFailuresPublishNoIdentificationAndAreCounted()
            throws Exception {
        start(1, 10);
        answer = "{\"customerId\":null,\"candidates\":[\"a\",\"b\"]}";
        emit(flows.call("sales", "600111222", T0).frames());
        await().atMost(WAIT).until(() -> stats().unknown() == 1);
        status = 422;
        answer = "{\"status\":422,\"detail\":\"INVALID_NUMBER\"}";
        emit(flows.call("sales", "12", T0 + 1_000).frames());
        await().atMost(WAIT).until(() -> stats().refused() == 1);
        status = 503;
        answer = "{\"status\":503,\"detail\":\"busy\"}";
        emit(flows.call("sales", "600333444", T0 + 2_000).frames());
        await().atMost(WAIT).until(() -> stats().failed() == 1);
        // no number, or none a lookup could match: never asked
        emit(flows.call("sales", "anonymous", T0 + 3_000).frames());
        await().atMost(WAIT).until(() -> sink.contacts.size() == 4);

        assertThat(types()).containsOnly(ContactEventType.ARRIVED);
        assertThat(asked).hasSize(3);
        assertThat(stats().asked()).isEqualTo(3);
    }

    @Test
    void aFullQueueSkipsAndCountsWhileTheBridgeKeepsPublishing() throws Exception {
        // one thread held by a stalled routing-service, one queue slot
        start(1, 1);
        hold = true;
        for (int i = 0; i < 4; i++) {
            emit(flows.call("sales", "60011122" + i, T0 + i * 1_000L).frames());
        }

        await().atMost(WAIT).until(() -> sink.contacts.size() == 4);
        await().atMost(WAIT).until(() -> stats().skipped() == 2);
        assertThat(types()).containsOnly(ContactEventType.ARRIVED);
        release.countDown();
        await().atMost(WAIT).until(() -> stats().identified() == 2);
        await().atMost(WAIT).until(() -> sink.contacts.size() == 6);
    }

    @Test
    void anAnswerAfterTheContactEndedIsDroppedNotStamped() throws Exception {
        // given routing-service answers only after the caller hung up
        start(1, 10);
        hold = true;
        CallScript call = flows.abandoned("sales", "+34612345678", T0, 5);

        emit(call.frames());
        await().atMost(WAIT).until(() -> types().contains(ContactEventType.ENDED));
        release.countDown();

        // then the late customer is counted, not published, and the bridge forgets the contact
        await().atMost(WAIT).until(() -> stats().late() == 1);
        assertThat(types()).doesNotContain(ContactEventType.IDENTIFIED);
        assertThat(bridge.customers().size()).isZero();
    }

    private void start(int threads, int queue) throws IOException {
        routing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        routing.createContext(
                "/",
                exchange -> {
                    try (InputStream body = exchange.getRequestBody()) {
                        asked.add(
                                exchange.getRequestURI().getPath()
                                        + " "
                                        + new String(body.readAllBytes(), StandardCharsets.UTF_8)
                                        + " "
                                        + exchange.getRequestHeaders().getFirst("Authorization"));
                    }
                    if (hold) {
                        try {
                            release.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, reply.length);
                    exchange.getResponseBody().write(reply);
                    exchange.close();
                });
        // The stalled asks must not hold up the server's answers to the others.
        routing.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        routing.start();
        RoutingClient client =
                new RoutingClient(
                        URI.create("http://127.0.0.1:" + routing.getAddress().getPort()),
                        Duration.ofSeconds(40),
                        RoutingCredentials.source(() -> "minted-token"),
                        java.time.Clock.systemUTC());
        bridge =
                new AmiBridge(
                        BridgeConfig.of(
                                "unused:9092", "127.0.0.1", pbx.port(), "ringstream", "s3cret"),
                        sink);
        bridge.identifyCallersWith(client::identify, threads, queue);
        bridge.start();
        await().atMost(WAIT).until(() -> bridge.isConnected() && bridge.stats().ignored() == 1);
    }

    private void emit(List<AmiFrame> frames) {
        frames.forEach(pbx::emit);
    }

    private CallerIdentifier.Stats stats() {
        return bridge.callerIdentificationStats().orElseThrow();
    }

    private List<ContactEventType> types() {
        return sink.contacts.stream().map(ContactEvent::type).toList();
    }
}
