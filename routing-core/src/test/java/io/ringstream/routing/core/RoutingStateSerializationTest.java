package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The state survives a round trip through Java serialization, as a Flink checkpoint needs. */
class RoutingStateSerializationTest {
    private static final RoutingConfig CONFIG =
            RoutingConfig.of(
                            QueuePolicy.simple("billing")
                                    .withSteps(
                                            RoutingStep.atLeast(4, Duration.ofSeconds(15)),
                                            RoutingStep.anyAgent())
                                    .withWrapUp(Duration.ofSeconds(10)),
                            QueuePolicy.simple("lottery").withStrategy(Strategy.RANDOM))
                    .withSeed(42);

    /** Agents, an accepted call, a pending offer and waiting contacts. */
    private static Scenario midFlight() {
        Scenario s = new Scenario(CONFIG);
        s.agent(
                Scenario.profile(
                        "ana", "billing,lottery", "billing:5", "es", Map.of(Channel.VOICE, 1), 3));
        s.agent("bob", "billing,lottery", "billing:2", "es");
        s.agent("cy", "billing,lottery", "billing:2", "es");
        s.answered("done", "billing", "billing:1", "es");
        s.call("waiting-1", "billing", "billing:1", "es"); // needs >= 4, ana busy: waits
        s.after(3);
        s.call("offered", "lottery", "", null); // random pick: reserved
        s.after(1);
        s.call("waiting-2", "lottery", "", null);
        return s;
    }

    @Test
    void roundTripKeepsWaitingContactsAndReservations() {
        Scenario s = midFlight();
        RoutingState restored = RoutingState.fromBytes(s.engine.state().toBytes());
        RoutingEngine engine = new RoutingEngine(CONFIG, restored);
        assertThat(engine.state().contactCount()).isEqualTo(s.engine.state().contactCount());
        assertThat(engine.agents()).isEqualTo(s.engine.agents());
        assertThat(engine.queue("billing", s.now)).isEqualTo(s.engine.queue("billing", s.now));
        assertThat(engine.queue("lottery", s.now)).isEqualTo(s.engine.queue("lottery", s.now));
        assertThat(engine.nextDeadline()).isEqualTo(s.engine.nextDeadline());
        assertThat(engine.position("waiting-1", s.now).orElseThrow().status())
                .isEqualTo(ContactStatus.WAITING);
    }

    @Test
    void aRestoredEngineDecidesExactlyAsTheOriginalWould() {
        Scenario original = midFlight();
        RoutingEngine restored =
                new RoutingEngine(
                        CONFIG, RoutingState.fromBytes(original.engine.state().toBytes()));
        List<List<RoutingEffect>> a = continueWith(original.engine, original.now);
        List<List<RoutingEffect>> b = continueWith(restored, original.now);
        assertThat(b).isEqualTo(a);
        // and the waiting contacts still get routed
        assertThat(a.stream().flatMap(List::stream).toList())
                .filteredOn(RoutingEffect.ContactAssigned.class::isInstance)
                .extracting(e -> ((RoutingEffect.ContactAssigned) e).contactId())
                .contains("waiting-1", "waiting-2");
    }

    /** Runs deadlines, accepts every offer and ends every call until nothing is left to do. */
    private static List<List<RoutingEffect>> continueWith(RoutingEngine engine, long now) {
        List<List<RoutingEffect>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 50 && engine.nextDeadline().isPresent(); i++) {
            long t = engine.nextDeadline().getAsLong();
            handle(engine, engine.advanceTime(t), t, all);
        }
        return all;
    }

    private static void handle(
            RoutingEngine engine,
            List<RoutingEffect> effects,
            long t,
            List<List<RoutingEffect>> all) {
        all.add(effects);
        for (RoutingEffect e : effects) {
            if (e instanceof RoutingEffect.OfferMade made) {
                handle(engine, engine.offerAccepted(made.offer().offerId(), t), t, all);
            } else if (e instanceof RoutingEffect.ContactAssigned assigned) {
                handle(engine, engine.contactEnded(assigned.contactId(), t), t, all);
            }
        }
    }

    @Test
    void configIsSerializableToo() {
        assertThat(CONFIG).isInstanceOf(java.io.Serializable.class);
        Offer offer =
                onlyOffer(
                        new Scenario(CONFIG)
                                .agent("x", "lottery", "", "")
                                .call("c", "lottery", "", null));
        assertThat(offer.queue()).isEqualTo("lottery");
    }
}
