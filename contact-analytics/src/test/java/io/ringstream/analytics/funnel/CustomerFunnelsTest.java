package io.ringstream.analytics.funnel;

import static io.ringstream.analytics.funnel.FunnelFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.analytics.funnel.CustomerFunnels.Outcome;
import io.ringstream.analytics.funnel.CustomerFunnels.Update;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Per-customer ordering and lateness: a rebuild lands where in-order delivery does. */
class CustomerFunnelsTest {
    private static final long W = 10;
    private static final long LATENESS = 1_000;

    @Test
    void anOutOfOrderStepIsPlacedByRebuildingAndTheRowsFollow() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        CustomerFunnels c = CustomerFunnels.empty(FunnelFixtures.CUSTOMER);
        assertThat(c.apply(FunnelFixtures.a(T0), List.of(f), LATENESS).updates()).hasSize(1);
        assertThat(c.apply(FunnelFixtures.c(T0 + 5), List.of(f), LATENESS).updates()).isEmpty();

        Outcome late = c.apply(FunnelFixtures.b(T0 + 3), List.of(f), LATENESS);

        assertThat(late.late()).isFalse();
        assertThat(late.updates())
                .extracting(u -> u.progress().stepsReached(), Update::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 2L));
    }

    @Test
    void anEventOlderThanTheLatenessIsLateAndChangesNothing() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        CustomerFunnels c = CustomerFunnels.empty(FunnelFixtures.CUSTOMER);
        c.apply(FunnelFixtures.a(T0 + 5_000), List.of(f), LATENESS);
        byte[] before = c.snapshot();

        Outcome late = c.apply(FunnelFixtures.a(T0), List.of(f), LATENESS);

        assertThat(late.late()).isTrue();
        assertThat(late.updates()).isEmpty();
        assertThat(c.snapshot()).isEqualTo(before);
    }

    @Test
    void aNewEarlierStepOneMovesTheEpisodeAndRetractsTheOldStart() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        CustomerFunnels c = CustomerFunnels.empty(FunnelFixtures.CUSTOMER);
        c.apply(FunnelFixtures.a(T0 + 4), List.of(f), LATENESS);

        Outcome moved = c.apply(FunnelFixtures.a(T0), List.of(f), LATENESS);

        assertThat(moved.updates())
                .extracting(Update::episodeStart, Update::retraction)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(T0, false),
                        org.assertj.core.groups.Tuple.tuple(T0 + 4, true));
    }

    @Test
    void aWithdrawnFunnelLosesItsTrackerAndANewOneReadsTheRecentLog() {
        FunnelDefinition f = FunnelFixtures.abc(W, OrderMode.ORDERED);
        CustomerFunnels c = CustomerFunnels.empty(FunnelFixtures.CUSTOMER);
        c.apply(FunnelFixtures.a(T0), List.of(f), LATENESS);
        c.apply(FunnelFixtures.other(T0 + 1), List.of(), LATENESS);
        assertThat(c.trackedFunnels()).isEmpty();

        Outcome again = c.apply(FunnelFixtures.b(T0 + 2), List.of(f), LATENESS);

        assertThat(again.updates()).extracting(u -> u.progress().stepsReached()).contains(2);
        assertThat(c.trackedFunnels()).containsExactly("abc");
    }

    record Ev(int kind, long offset) {}

    @Provide
    Arbitrary<List<Ev>> sequences() {
        Arbitrary<Ev> one =
                Combinators.combine(
                                Arbitraries.integers().between(0, 5),
                                Arbitraries.longs().between(0, 60))
                        .as(Ev::new);
        return one.list().ofMaxSize(25);
    }

    private static RingstreamEvent event(Ev e, int i) {
        long t = T0 + e.offset();
        RingstreamEvent raw =
                switch (e.kind()) {
                    case 0 -> FunnelFixtures.a(t);
                    case 1 -> FunnelFixtures.b(t);
                    case 2 -> FunnelFixtures.c(t);
                    case 3 ->
                            FunnelFixtures.business(
                                    BusinessEventType.LEAD_CREATED,
                                    t,
                                    null,
                                    "k-" + i,
                                    Map.of("campaign", "camp-" + (i % 3)));
                    case 4 ->
                            FunnelFixtures.answered("k-" + i, "agent-" + (i % 4), Channel.VOICE, t);
                    default -> FunnelFixtures.other(t);
                };
        return raw;
    }

    /**
     * Shuffled within the lateness, through a snapshot round trip at every event, the rows left
     * standing per episode (newest version, retractions removed) are those of in-order delivery.
     */
    @Property(tries = 1000)
    void shuffledDeliveryEndsWhereInOrderDeliveryDoes(
            @ForAll("sequences") List<Ev> seq, @ForAll long seed, @ForAll boolean strict) {
        FunnelDefinition f = FunnelFixtures.abc(W, strict ? OrderMode.STRICT : OrderMode.ORDERED);
        List<RingstreamEvent> events = new ArrayList<>();
        for (int i = 0; i < seq.size(); i++) {
            events.add(event(seq.get(i), i));
        }
        List<RingstreamEvent> sorted = new ArrayList<>(events);
        sorted.sort(CustomerFunnels.ORDER);
        List<RingstreamEvent> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(standing(shuffled, f, 100)).isEqualTo(standing(sorted, f, 100));
        assertThat(standing(sorted, f, 0)).isEqualTo(standing(sorted, f, 100));
    }

    private static Map<Long, Long> standing(
            List<RingstreamEvent> events, FunnelDefinition f, long lateness) {
        Map<Long, Update> rows = new TreeMap<>();
        byte[] state = CustomerFunnels.empty(FunnelFixtures.CUSTOMER).snapshot();
        long version = 0;
        for (RingstreamEvent e : events) {
            CustomerFunnels c = CustomerFunnels.restore(state);
            for (Update u : c.apply(e, List.of(f), lateness).updates()) {
                assertThat(u.version()).isGreaterThan(version);
                version = u.version();
                rows.put(u.episodeStart(), u);
            }
            state = c.snapshot();
        }
        Map<Long, Long> out = new TreeMap<>();
        rows.forEach(
                (start, u) -> {
                    if (!u.retraction()) {
                        out.put(start, CustomerFunnels.fingerprint(u.progress()));
                    }
                });
        return out;
    }
}
