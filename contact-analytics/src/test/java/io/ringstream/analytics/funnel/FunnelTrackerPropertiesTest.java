package io.ringstream.analytics.funnel;

import static io.ringstream.analytics.funnel.FunnelFixtures.CUSTOMER;
import static io.ringstream.analytics.funnel.FunnelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The tracker agrees with the naive reference on random event sequences, in both order modes. */
class FunnelTrackerPropertiesTest {
    private static final long W = 10;

    record Ev(int kind, long offset) {}

    @Provide
    Arbitrary<List<Ev>> sequences() {
        // Few kinds and a small time range: many equal times, boundary hits and repeats.
        Arbitrary<Ev> one =
                Combinators.combine(
                                Arbitraries.integers().between(0, 3),
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
            default -> FunnelFixtures.other(t);
        };
    }

    @Property(tries = 2000)
    void orderedAgreesWithTheReference(@ForAll("sequences") List<Ev> seq) {
        check(FunnelFixtures.abc(W, OrderMode.ORDERED), seq);
    }

    @Property(tries = 2000)
    void strictAgreesWithTheReference(@ForAll("sequences") List<Ev> seq) {
        check(FunnelFixtures.abc(W, OrderMode.STRICT), seq);
    }

    @Property(tries = 500)
    void clearingWhenAllowedChangesNothing(@ForAll("sequences") List<Ev> seq) {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        List<RingstreamEvent> events = sorted(seq);
        FunnelTracker kept = new FunnelTracker(f, CUSTOMER);
        FunnelTracker cleared = new FunnelTracker(f, CUSTOMER);
        for (RingstreamEvent e : events) {
            if (cleared.canClear(e.eventTime())) {
                cleared = new FunnelTracker(f, CUSTOMER);
            }
            assertThat(cleared.apply(e)).isEqualTo(kept.apply(e));
        }
    }

    private static List<RingstreamEvent> sorted(List<Ev> seq) {
        List<RingstreamEvent> events =
                new ArrayList<>(seq.stream().map(FunnelTrackerPropertiesTest::event).toList());
        events.sort(Comparator.comparingLong(RingstreamEvent::eventTime));
        return events;
    }

    private static void check(FunnelDefinition f, List<Ev> seq) {
        List<RingstreamEvent> events = sorted(seq);
        FunnelTracker tracker = new FunnelTracker(f, CUSTOMER);
        int furthest = 0;
        for (RingstreamEvent e : events) {
            for (FunnelProgress p : tracker.apply(e)) {
                furthest = Math.max(furthest, p.stepsReached());
                assertThat(p.steps()).hasSize(p.stepsReached());
                assertThat(p.steps().get(p.stepsReached() - 1).time() - p.windowStart())
                        .isLessThanOrEqualTo(W);
            }
        }
        assertThat(furthest).isEqualTo(ReferenceFunnel.furthestStep(f, events));
    }
}
