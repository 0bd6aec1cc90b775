package io.ringstream.routing.live;

import static io.ringstream.routing.live.Assignments.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The service's picture of routing, fed the way the routing job's topics feed it. */
class RoutingViewTest {
    private final RoutingView view = new RoutingView(100);

    @Test
    void aWaiterGetsTheContactsNextOfferAndAnEndedOfferIsNoTarget() {
        CompletableFuture<Assignment> next = view.nextTarget("t", "c1");
        assertThat(next).isNotDone();

        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));

        assertThat(next).isCompletedWithValueMatching(a -> a.agentId().equals("a1"));
        assertThat(view.target("t", "c1")).map(Assignment::offerId).contains("o1");
        view.apply(Assignments.of(AssignmentType.REJECTED, "t", "o1", "c1", "a1"));
        assertThat(view.target("t", "c1")).isEmpty();
        assertThat(view.offer("t", "o1").ended()).isEqualTo(AssignmentType.REJECTED);
    }

    @Test
    void anAcceptedContactKeepsItsAgent() {
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));
        view.apply(Assignments.of(AssignmentType.ACCEPTED, "t", "o1", "c1", "a1"));

        assertThat(view.target("t", "c1")).map(Assignment::endpoint).contains("PJSIP/a1");
        assertThat(view.offer("t", "o1").pending()).isFalse();
        assertThat(view.nextTarget("t", "c1"))
                .isCompletedWithValueMatching(a -> a.agentId().equals("a1"));
    }

    @Test
    void replayedEventsAndOffersWhoseOutcomeOvertookThemAreDropped() {
        List<Assignment> seen = new ArrayList<>();
        view.subscribe("t", "a1", seen::add);
        Assignment offered = Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1");
        Assignment timedOut = Assignments.of(AssignmentType.TIMED_OUT, "t", "o1", "c1", "a1");

        view.apply(offered);
        view.apply(timedOut);
        view.apply(offered);
        view.apply(timedOut);

        assertThat(seen).containsExactly(offered, timedOut);
        assertThat(view.target("t", "c1")).isEmpty();
        assertThat(view.pendingOffersOf("t", "a1")).isEmpty();
    }

    @Test
    void tenantsAndAgentsAreKeptApart() {
        List<Assignment> a1 = new ArrayList<>();
        AutoCloseable sub = view.subscribe("t", "a1", a1::add);
        view.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a2"));
        view.apply(Assignments.of(AssignmentType.OFFERED, "u", "o2", "c1", "a1"));

        assertThat(a1).isEmpty();
        assertThat(view.target("u", "c1")).map(Assignment::agentId).contains("a1");
        assertThat(view.pendingOffersOf("t", "a2"))
                .extracting(Assignment::offerId)
                .containsExactly("o1");
        assertThat(sub).isNotNull();
    }

    @Test
    void positionComesFromTheNewestSnapshotOrJoinsBehindTheQueue() {
        view.apply(Assignments.waiting("t", T0 + 1_000, "c1", "c2"));
        view.apply(Assignments.waiting("t", T0, "old"));

        assertThat(view.position("t", "c2", "support"))
                .contains(new Position("support", 2, 60_000L));
        assertThat(view.position("t", "c9", "support"))
                .as("not listed yet: behind the two waiting")
                .contains(new Position("support", 3, 90_000L));
        assertThat(view.position("t", "c9", "sales")).contains(new Position("sales", null, null));
        assertThat(view.position("nobody", "c1", "support")).isEmpty();
    }

    @Test
    void forgetsTheLeastRecentlyUsedContactsBeyondItsLimit() {
        RoutingView small = new RoutingView(2);
        small.apply(Assignments.of(AssignmentType.OFFERED, "t", "o1", "c1", "a1"));
        small.apply(Assignments.of(AssignmentType.OFFERED, "t", "o2", "c2", "a1"));
        small.apply(Assignments.of(AssignmentType.OFFERED, "t", "o3", "c3", "a1"));

        assertThat(small.target("t", "c1")).isEmpty();
        assertThat(small.target("t", "c3")).isPresent();
    }
}
