package io.ringstream.analytics.funnel;

import static io.ringstream.analytics.funnel.FunnelFixtures.CUSTOMER;
import static io.ringstream.analytics.funnel.FunnelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The tracker's compact snapshot: a restored tracker is the same tracker. */
class FunnelTrackerSnapshotTest {
    private static final long W = 10;

    @Test
    void aSnapshotRoundTripsToTheSameBytesAndRow() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        FunnelTracker tracker = new FunnelTracker(f, CUSTOMER);
        tracker.apply(FunnelFixtures.answered("k-1", "agent-7", Channel.VOICE, T0));
        tracker.apply(
                FunnelFixtures.business(
                        BusinessEventType.LEAD_CREATED,
                        T0 + 1,
                        null,
                        "k-1",
                        Map.of("campaign", "spring")));
        tracker.apply(FunnelFixtures.b(T0 + 2));

        byte[] bytes = tracker.snapshot();
        FunnelTracker restored = FunnelTracker.restore(f, CUSTOMER, bytes);

        assertThat(restored.snapshot()).isEqualTo(bytes);
        assertThat(restored.lastProgress()).isEqualTo(tracker.lastProgress());
        assertThat(restored.lastProgress().stepsReached()).isEqualTo(2);
        assertThat(restored.keptUntil()).isEqualTo(tracker.keptUntil());
        assertThat(bytes.length).as("compact: strings once, varints").isLessThan(120);
        RingstreamEvent paid = FunnelFixtures.c(T0 + 3);
        assertThat(restored.apply(paid)).isEqualTo(tracker.apply(paid));
    }

    @Test
    void aFreshTrackerRoundTrips() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.STRICT);
        byte[] bytes = new FunnelTracker(f, CUSTOMER).snapshot();

        FunnelTracker restored = FunnelTracker.restore(f, CUSTOMER, bytes);

        assertThat(restored.snapshot()).isEqualTo(bytes);
        assertThat(restored.lastProgress()).isNull();
        assertThat(restored.canClear(T0)).isTrue();
    }

    @Test
    void unknownFormatsAndCorruptBytesAreRefused() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        byte[] bytes = new FunnelTracker(f, CUSTOMER).snapshot();
        bytes[0] = 99;
        assertThatThrownBy(() -> FunnelTracker.restore(f, CUSTOMER, bytes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 99");
        assertThatThrownBy(() -> FunnelTracker.restore(f, CUSTOMER, new byte[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    record Ev(int kind, long offset) {}

    @Provide
    Arbitrary<List<Ev>> sequences() {
        Arbitrary<Ev> one =
                Combinators.combine(
                                Arbitraries.integers().between(0, 5),
                                Arbitraries.longs().between(0, 40))
                        .as(Ev::new);
        return one.list().ofMaxSize(30);
    }

    private static RingstreamEvent event(Ev e) {
        long t = T0 + e.offset();
        return switch (e.kind()) {
            case 0 -> FunnelFixtures.a(t);
            case 1 -> FunnelFixtures.b(t);
            case 2 -> FunnelFixtures.c(t);
            case 3 ->
                    FunnelFixtures.business(
                            BusinessEventType.LEAD_CREATED,
                            t,
                            null,
                            "k-" + e.offset(),
                            Map.of("campaign", "camp-" + (e.offset() % 3)));
            case 4 ->
                    FunnelFixtures.answered(
                            "k-" + e.offset(), "agent-" + (e.offset() % 4), Channel.VOICE, t);
            default -> FunnelFixtures.other(t);
        };
    }

    @Property(tries = 1000)
    void aRestoredTrackerEmitsTheSameRowsAsTheOriginal(
            @ForAll("sequences") List<Ev> seq,
            @ForAll @IntRange(min = 0, max = 30) int cut,
            @ForAll boolean strict) {
        FunnelDefinition f = FunnelFixtures.abc(W, strict ? OrderMode.STRICT : OrderMode.ORDERED);
        List<RingstreamEvent> events =
                new ArrayList<>(seq.stream().map(FunnelTrackerSnapshotTest::event).toList());
        events.sort(Comparator.comparingLong(RingstreamEvent::eventTime));
        int at = Math.min(cut, events.size());
        FunnelTracker original = new FunnelTracker(f, CUSTOMER);
        for (RingstreamEvent e : events.subList(0, at)) {
            original.apply(e);
        }
        FunnelTracker restored = FunnelTracker.restore(f, CUSTOMER, original.snapshot());
        assertThat(restored.lastProgress()).isEqualTo(original.lastProgress());
        for (RingstreamEvent e : events.subList(at, events.size())) {
            assertThat(restored.apply(e)).isEqualTo(original.apply(e));
            assertThat(restored.keptUntil()).isEqualTo(original.keptUntil());
        }
        assertThat(restored.snapshot()).isEqualTo(original.snapshot());
    }
}
