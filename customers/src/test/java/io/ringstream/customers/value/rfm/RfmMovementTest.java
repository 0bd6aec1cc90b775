package io.ringstream.customers.value.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.value.rfm.RfmMovement.Move;
import io.ringstream.customers.value.rfm.RfmMovement.Transition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Segment movement between two scorings: each customer's move and the counts per pair. */
class RfmMovementTest {
    static final CustomerId A = CustomerId.of("00000000-0000-0000-0000-00000000000a");
    static final CustomerId B = CustomerId.of("00000000-0000-0000-0000-00000000000b");
    static final CustomerId C = CustomerId.of("00000000-0000-0000-0000-00000000000c");
    static final CustomerId D = CustomerId.of("00000000-0000-0000-0000-00000000000d");
    static final CustomerId E = CustomerId.of("00000000-0000-0000-0000-00000000000e");

    @Test
    void givenTwoAssignments_whenCompared_thenEachMoveAndEachPairIsCounted() {
        // given
        Map<CustomerId, String> before = new LinkedHashMap<>();
        before.put(A, "Champions");
        before.put(B, "Champions");
        before.put(C, "Champions");
        before.put(D, "At Risk");
        Map<CustomerId, String> after = new LinkedHashMap<>();
        after.put(A, "Champions");
        after.put(B, "At Risk");
        after.put(C, "At Risk");
        after.put(E, "New Customers");

        // when
        RfmMovement movement = RfmMovement.between(before, after);

        // then
        assertThat(movement.moves())
                .containsExactly(
                        new Move(A, "Champions", "Champions"),
                        new Move(B, "Champions", "At Risk"),
                        new Move(C, "Champions", "At Risk"),
                        new Move(E, null, "New Customers"),
                        new Move(D, "At Risk", null));
        assertThat(movement.counts())
                .containsExactly(
                        Map.entry(new Transition(null, "New Customers"), 1L),
                        Map.entry(new Transition("At Risk", null), 1L),
                        Map.entry(new Transition("Champions", "At Risk"), 2L),
                        Map.entry(new Transition("Champions", "Champions"), 1L));
        assertThat(movement.count("Champions", "At Risk")).isEqualTo(2);
        assertThat(movement.count("Lost", "Champions")).isZero();
        assertThat(movement.changed()).extracting(Move::customerId).containsExactly(B, C, E, D);
    }

    @Test
    void givenTwoScorings_whenCompared_thenTheTableSegmentsThem() {
        // given: A was a champion and slipped; B was lost and came back
        RfmScoring before =
                new RfmScoring(
                        "default",
                        List.of(new RfmScore(A, 5, 5, 5), new RfmScore(B, 1, 1, 1)),
                        List.of(C));
        RfmScoring after =
                new RfmScoring(
                        "default",
                        List.of(
                                new RfmScore(A, 2, 4, 5),
                                new RfmScore(B, 5, 1, 2),
                                new RfmScore(C, 3, 3, 3)),
                        List.of());

        // when
        RfmMovement movement = RfmMovement.between(RfmSegmentTable.DEFAULT, before, after);

        // then: C had no bookings before, so it enters from nothing
        assertThat(movement.moves())
                .containsExactly(
                        new Move(A, "Champions", "At Risk"),
                        new Move(B, "Lost", "New Customers"),
                        new Move(C, null, "Need Attention"));
        assertThat(movement.counts().values()).containsOnly(1L);
    }

    @Test
    void givenScoringsOfTwoTenants_whenCompared_thenRefused() {
        RfmScoring one = new RfmScoring("one", List.of(), List.of());
        RfmScoring two = new RfmScoring("two", List.of(), List.of());

        assertThatThrownBy(() -> RfmMovement.between(RfmSegmentTable.DEFAULT, one, two))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within one tenant");
    }
}
