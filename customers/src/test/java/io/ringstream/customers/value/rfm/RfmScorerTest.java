package io.ringstream.customers.value.rfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.model.ModelViolationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** RFM scores by quintile within a tenant: boundaries, ties and the small and degenerate cases. */
class RfmScorerTest {
    static final String TENANT = "default";
    static final Currency EUR = Currency.getInstance("EUR");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A customer whose three values all rise with {@code v}: booked on day v, v bookings. */
    static RfmInput customer(long v) {
        return customer(v, v, v);
    }

    static RfmInput customer(long day, long bookings, long minor) {
        return new RfmInput(
                TENANT, CustomerId.random(), T0.plus(Duration.ofDays(day)), bookings, minor, EUR);
    }

    static List<RfmInput> customers(long... values) {
        return Arrays.stream(values).mapToObj(RfmScorerTest::customer).toList();
    }

    static List<Integer> monetary(List<RfmInput> inputs) {
        return scores(inputs, RfmScore::monetary);
    }

    static List<Integer> scores(List<RfmInput> inputs, Function<RfmScore, Integer> which) {
        RfmScoring scoring = RfmScorer.score(TENANT, inputs);
        return scoring.scores().stream().map(which).toList();
    }

    @Test
    void givenTenDistinctCustomers_whenScored_thenTwoPerQuintileInEveryDimension() {
        // given: listed out of order, so the scores follow the values and not the input order
        List<RfmInput> inputs = customers(7, 1, 10, 4, 2, 9, 3, 8, 5, 6);

        // when
        RfmScoring scoring = RfmScorer.score(TENANT, inputs);

        // then
        List<Integer> expected = List.of(4, 1, 5, 2, 1, 5, 2, 4, 3, 3);
        assertThat(scoring.scores()).extracting(RfmScore::monetary).isEqualTo(expected);
        assertThat(scoring.scores()).extracting(RfmScore::frequency).isEqualTo(expected);
        assertThat(scoring.scores()).extracting(RfmScore::recency).isEqualTo(expected);
        assertThat(scoring.scores())
                .extracting(RfmScore::customerId)
                .isEqualTo(inputs.stream().map(RfmInput::customerId).toList());
        assertThat(scoring.unscored()).isEmpty();
    }

    @Test
    void givenAHundredDistinctCustomers_whenScored_thenTwentyPerQuintileCutAtTheRanks() {
        // given values 1..100
        List<RfmInput> inputs = new ArrayList<>();
        for (int v = 1; v <= 100; v++) {
            inputs.add(customer(v));
        }

        // when
        List<Integer> m = monetary(inputs);

        // then: values 1-20 score 1, 21-40 score 2, ..., 81-100 score 5
        for (int v = 1; v <= 100; v++) {
            assertThat(m.get(v - 1)).as("value %d", v).isEqualTo((v - 1) / 20 + 1);
        }
        Map<Integer, Long> sizes =
                m.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(sizes)
                .containsOnlyKeys(1, 2, 3, 4, 5)
                .allSatisfy((s, n) -> assertThat(n).isEqualTo(20));
    }

    @Test
    void givenSixEqualValuesAcrossTwoBoundaries_whenScored_thenTheyShareTheQuintileOfTheirMiddle() {
        // given: ranks 3-8 hold the same value; they straddle the 2|3 and 3|4 boundaries
        List<RfmInput> inputs = customers(1, 2, 3, 3, 3, 3, 3, 3, 9, 10);

        // when
        List<Integer> m = monetary(inputs);

        // then: L=2, E=6, p=(2+3)/10=0.5 -> 3; 1 and 2 score 1; 9 and 10 score 5
        assertThat(m).containsExactly(1, 1, 3, 3, 3, 3, 3, 3, 5, 5);
    }

    @Test
    void givenThirtyTiedInAHundred_whenScored_thenAllThirtyScoreAlike() {
        // given: ranks 11-40 share the value 50; the rest are distinct
        List<RfmInput> inputs = new ArrayList<>();
        for (int v = 1; v <= 10; v++) {
            inputs.add(customer(v));
        }
        for (int i = 0; i < 30; i++) {
            inputs.add(customer(50));
        }
        for (int v = 51; v <= 110; v++) {
            inputs.add(customer(v));
        }

        // when
        List<Integer> m = monetary(inputs);

        // then: p = (10 + 15) / 100 = 0.25 -> 2, and nobody below them scores above them
        assertThat(m.subList(10, 40)).containsOnly(2);
        assertThat(m.subList(0, 10)).containsOnly(1);
        assertThat(m.subList(40, 100)).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(3));
        assertThat(m.get(99)).isEqualTo(5);
    }

    @Test
    void givenOneCustomer_whenScored_thenItIsInTheMiddle() {
        RfmScoring scoring = RfmScorer.score(TENANT, customers(42));

        assertThat(scoring.scores()).singleElement().extracting(RfmScore::code).isEqualTo("333");
    }

    @Test
    void givenAllCustomersEqual_whenScored_thenAllScoreThree() {
        List<RfmInput> inputs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            inputs.add(customer(5, 2, 1999));
        }

        RfmScoring scoring = RfmScorer.score(TENANT, inputs);

        assertThat(scoring.scores()).hasSize(7).extracting(RfmScore::code).containsOnly("333");
    }

    @Test
    void givenFewerThanFiveCustomers_whenScored_thenTheySpreadOverTheScale() {
        assertThat(monetary(customers(10, 20))).containsExactly(2, 4);
        assertThat(monetary(customers(30, 10, 20))).containsExactly(5, 1, 3);
        assertThat(monetary(customers(10, 20, 30, 40))).containsExactly(1, 2, 4, 5);
        assertThat(monetary(customers(10, 10, 30, 40))).containsExactly(2, 2, 4, 5);
    }

    @Test
    void givenCustomersWithoutBookings_whenScored_thenTheyAreListedButNotScoredNorCounted() {
        // given: ten scored customers and two without bookings
        List<RfmInput> inputs = new ArrayList<>(customers(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        RfmInput none1 = RfmInput.withoutBookings(TENANT, CustomerId.random());
        RfmInput none2 = RfmInput.withoutBookings(TENANT, CustomerId.random());
        inputs.add(0, none1);
        inputs.add(none2);

        // when
        RfmScoring scoring = RfmScorer.score(TENANT, inputs);

        // then
        assertThat(scoring.unscored()).containsExactly(none1.customerId(), none2.customerId());
        assertThat(scoring.scores())
                .extracting(RfmScore::monetary)
                .containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        assertThat(scoring.scoreOf(none1.customerId())).isEmpty();
        assertThat(RfmScorer.score(TENANT, List.of(none1)).scores()).isEmpty();
        assertThat(RfmScorer.score(TENANT, List.of()).scores()).isEmpty();
    }

    @Test
    void givenTheThreeDimensions_whenScored_thenEachIsRankedOnItsOwnValues() {
        // given: the most recent customer books least and spends most
        RfmInput recent = customer(30, 1, 50_000);
        RfmInput frequent = customer(1, 40, 100);
        RfmInput middling = customer(10, 5, 2_000);

        // when
        RfmScoring scoring = RfmScorer.score(TENANT, List.of(recent, frequent, middling));

        // then
        assertThat(scoring.scoreOf(recent.customerId()).orElseThrow().code()).isEqualTo("515");
        assertThat(scoring.scoreOf(frequent.customerId()).orElseThrow().code()).isEqualTo("151");
        assertThat(scoring.scoreOf(middling.customerId()).orElseThrow().code()).isEqualTo("333");
    }

    @Test
    void givenAnotherTenantATwiceGivenCustomerAndTwoCurrencies_whenScored_thenAllAreListed() {
        RfmInput a = customer(1);
        RfmInput other = new RfmInput("other", CustomerId.random(), T0, 1, 100, EUR);
        RfmInput dollars =
                new RfmInput(TENANT, CustomerId.random(), T0, 1, 100, Currency.getInstance("USD"));

        assertThatThrownBy(() -> RfmScorer.score(TENANT, List.of(a, a, other, dollars)))
                .isInstanceOfSatisfying(
                        ModelViolationException.class,
                        e ->
                                assertThat(e.violations())
                                        .containsExactly(
                                                "customer " + a.customerId() + " is given twice",
                                                "customer "
                                                        + other.customerId()
                                                        + " is of tenant other",
                                                "monetary values are in one currency, found EUR, USD"));
    }

    @Test
    void givenADecimalTotal_whenMadeAnInput_thenItIsInMinorUnitsOrRefused() {
        CustomerId id = CustomerId.random();

        assertThat(
                        RfmInput.withTotal(TENANT, id, T0, 2, new BigDecimal("120.5"), EUR)
                                .monetaryMinor())
                .isEqualTo(12050);
        assertThat(
                        RfmInput.withTotal(
                                        TENANT,
                                        id,
                                        T0,
                                        1,
                                        new BigDecimal("15000"),
                                        Currency.getInstance("JPY"))
                                .monetaryMinor())
                .isEqualTo(15000);
        assertThatThrownBy(
                        () ->
                                RfmInput.withTotal(
                                        TENANT,
                                        id,
                                        T0,
                                        1,
                                        new BigDecimal("1.5"),
                                        Currency.getInstance("JPY")))
                .hasMessageContaining("total has at most 0 decimals in JPY");
        assertThatThrownBy(() -> RfmInput.withTotal(TENANT, id, T0, 1, new BigDecimal("-1"), EUR))
                .hasMessageContaining("total is not negative");
    }

    @Test
    void givenInconsistentInputs_whenMade_thenEveryProblemIsListed() {
        assertThatThrownBy(() -> new RfmInput(" ", null, T0, 0, 5, null))
                .isInstanceOfSatisfying(
                        ModelViolationException.class,
                        e ->
                                assertThat(e.violations())
                                        .containsExactly(
                                                "tenant is required",
                                                "customerId is required",
                                                "lastBookingAt is only for a customer with bookings",
                                                "monetaryMinor is 0 without bookings"));
        assertThatThrownBy(() -> new RfmInput(TENANT, CustomerId.random(), null, 3, -1, null))
                .isInstanceOfSatisfying(
                        ModelViolationException.class,
                        e ->
                                assertThat(e.violations())
                                        .containsExactly(
                                                "monetaryMinor is not negative",
                                                "lastBookingAt is required",
                                                "currency is required"));
    }
}
