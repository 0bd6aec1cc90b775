package io.ringstream.customers.value.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of the quintile rule on any values, ties included: a strictly higher value never
 * scores lower, equal values score alike, and scores stay within 1–5.
 */
class RfmScorerPropertiesTest {

    @Provide
    Arbitrary<List<Long>> values() {
        // A narrow range for many ties, or a wide one for mostly distinct values.
        Arbitrary<Long> narrow = Arbitraries.longs().between(0, 12);
        Arbitrary<Long> wide = Arbitraries.longs().between(0, 1_000_000_000L);
        return Arbitraries.oneOf(
                narrow.list().ofMinSize(1).ofMaxSize(300), wide.list().ofMinSize(1).ofMaxSize(300));
    }

    @Property(tries = 300)
    void aStrictlyHigherValueNeverScoresLowerAndEqualValuesScoreAlike(
            @ForAll("values") List<Long> values) {
        int[] scores = RfmScorer.quintiles(values, Function.identity());

        for (int i = 0; i < values.size(); i++) {
            assertThat(scores[i]).isBetween(1, 5);
            for (int j = 0; j < values.size(); j++) {
                int c = Long.compare(values.get(i), values.get(j));
                if (c > 0) {
                    assertThat(scores[i]).isGreaterThanOrEqualTo(scores[j]);
                } else if (c == 0) {
                    assertThat(scores[i]).isEqualTo(scores[j]);
                }
            }
        }
    }

    @Property(tries = 100)
    void throughTheScorerAHigherTotalNeverGetsALowerMonetaryScore(
            @ForAll("values") List<Long> totals) {
        List<RfmInput> inputs = totals.stream().map(m -> RfmScorerTest.customer(1, 1, m)).toList();

        List<RfmScore> scores = RfmScorer.score(RfmScorerTest.TENANT, inputs).scores();

        for (int i = 0; i < totals.size(); i++) {
            for (int j = 0; j < totals.size(); j++) {
                if (totals.get(i) > totals.get(j)) {
                    assertThat(scores.get(i).monetary())
                            .isGreaterThanOrEqualTo(scores.get(j).monetary());
                }
            }
        }
    }
}
