package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import io.ringstream.events.SupervisorAlert;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * A wallboard that stops reading holds a bounded number of events on the server: the latest live
 * and kpis (each replacing the waiting one) and a few alerts, then the stream is closed so the page
 * reconnects. The reader here asks for events only when the test says, as a stalled socket would.
 */
class WallboardStreamTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final List<Event<String>> received = new CopyOnWriteArrayList<>();
    private final AtomicBoolean completed = new AtomicBoolean();
    private final AtomicBoolean disposed = new AtomicBoolean();
    private final AtomicReference<Subscription> subscription = new AtomicReference<>();
    private WallboardStream stream;

    @BeforeEach
    void openAStreamNobodyReads() {
        AtomicReference<WallboardStream> created = new AtomicReference<>();
        Flux.<Event<String>>create(
                        sink -> {
                            sink.onDispose(() -> disposed.set(true));
                            created.set(
                                    new WallboardStream(
                                            sink,
                                            new SharedJson(v -> WallboardController.write(JSON, v)),
                                            3));
                        },
                        FluxSink.OverflowStrategy.BUFFER)
                .subscribe(
                        new BaseSubscriber<>() {
                            @Override
                            protected void hookOnSubscribe(Subscription s) {
                                subscription.set(s); // no request: the reader is stalled
                            }

                            @Override
                            protected void hookOnNext(Event<String> event) {
                                received.add(event);
                            }

                            @Override
                            protected void hookOnComplete() {
                                completed.set(true);
                            }
                        });
        stream = created.get();
        stream.start(Map.of(), live(1), kpis(1), List.of(alert("recent")));
    }

    @Test
    void onlyTheLatestLiveAndKpisWaitForAStalledReader() {
        for (long i = 2; i <= 10_000; i++) {
            stream.live(live(i));
            stream.kpis(kpis(i));
        }

        assertThat(received).isEmpty();
        // thresholds, the one live, the one kpis, the recent alert.
        assertThat(stream.pending()).isEqualTo(4);

        subscription.get().request(Long.MAX_VALUE);

        assertThat(received)
                .extracting(Event::getName)
                .containsExactly("thresholds", "live", "kpis", "alert");
        assertThat(received.get(1).getData()).contains("\"asOf\":10000");
        assertThat(received.get(2).getData()).contains("\"asOf\":10000");
        assertThat(stream.pending()).isZero();

        // Once the reader keeps up, every event goes straight through.
        stream.live(live(10_001));
        stream.alert(alert("new"));
        assertThat(received).hasSize(6);
        assertThat(completed).isFalse();
    }

    @Test
    void eventsGoOutAsTheReaderAsksForThem() {
        subscription.get().request(2);
        assertThat(received).extracting(Event::getName).containsExactly("thresholds", "live");

        stream.kpis(kpis(2));
        subscription.get().request(1);

        assertThat(received)
                .extracting(Event::getName)
                .containsExactly("thresholds", "live", "kpis");
        assertThat(received.get(2).getData()).contains("\"asOf\":2");
        assertThat(stream.pending()).isEqualTo(1);
    }

    @Test
    void tooManyWaitingAlertsCloseTheStreamSoThePageReconnects() {
        stream.alert(alert("a1"));
        stream.alert(alert("a2"));
        assertThat(completed).isFalse();
        assertThat(stream.pending()).isEqualTo(3 + 3);

        stream.alert(alert("a3"));

        assertThat(completed).isTrue();
        assertThat(disposed).as("the hub subscription is closed with the stream").isTrue();
        assertThat(stream.pending()).isZero();
        assertThat(received).isEmpty();
        // Later events of the hub change nothing.
        stream.live(live(2));
        stream.alert(alert("a4"));
        assertThat(stream.pending()).isZero();
    }

    private static LiveFigures live(long asOf) {
        return new LiveFigures(asOf, List.of(), List.of());
    }

    private static KpiFigures kpis(long asOf) {
        return new KpiFigures(asOf, false, List.of(), List.of(), List.of());
    }

    private static SupervisorAlert alert(String id) {
        return SupervisorAlert.of(
                id,
                SupervisorAlert.Kind.SLA_BREACH,
                "t",
                "c1",
                1_700_000_000_000L,
                "sla",
                "support",
                null,
                SupervisorAlert.Severity.CRITICAL,
                "breach",
                Map.of());
    }
}
