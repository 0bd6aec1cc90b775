package io.ringstream.analytics.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The quantile rule of the funnel stats is ClickHouse quantileExact's, checked on hand-sorted
 * values.
 */
class ExactQuantileTest {

    @Test
    void noValuesHaveNoQuantile() {
        assertThat(ExactQuantile.of(new double[0], 0.5)).isNull();
    }

    @Test
    void oneValueIsEveryQuantile() {
        assertThat(ExactQuantile.of(new double[] {7}, 0.0)).isEqualTo(7.0);
        assertThat(ExactQuantile.of(new double[] {7}, 0.5)).isEqualTo(7.0);
        assertThat(ExactQuantile.of(new double[] {7}, 0.9)).isEqualTo(7.0);
        assertThat(ExactQuantile.of(new double[] {7}, 1.0)).isEqualTo(7.0);
    }

    @Test
    void takesTheValueAtFloorOfLevelTimesNLikeQuantileExact() {
        double[] oneToTen = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        // index floor(0.5 * 10) = 5 -> 6; floor(0.9 * 10) = 9 -> 10; the median is the upper middle
        assertThat(ExactQuantile.of(oneToTen, 0.5)).isEqualTo(6.0);
        assertThat(ExactQuantile.of(oneToTen, 0.9)).isEqualTo(10.0);
        assertThat(ExactQuantile.of(oneToTen, 1.0)).isEqualTo(10.0);
        // n = 3: floor(1.5) = 1 -> middle; floor(2.7) = 2 -> largest
        assertThat(ExactQuantile.of(new double[] {30, 10, 20}, 0.5)).isEqualTo(20.0);
        assertThat(ExactQuantile.of(new double[] {30, 10, 20}, 0.9)).isEqualTo(30.0);
    }

    @Test
    void tiesAreValuesLikeAnyOther() {
        double[] ties = {5, 7, 5, 5};
        // sorted 5 5 5 7: floor(2.0) = 2 -> 5; floor(3.6) = 3 -> 7
        assertThat(ExactQuantile.of(ties, 0.5)).isEqualTo(5.0);
        assertThat(ExactQuantile.of(ties, 0.9)).isEqualTo(7.0);
    }

    @Test
    void doesNotReorderTheCallersValues() {
        double[] values = {3, 1, 2};
        ExactQuantile.of(values, 0.5);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void refusesALevelOutsideZeroToOne() {
        assertThatThrownBy(() -> ExactQuantile.of(new double[] {1}, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactQuantile.of(new double[] {1}, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
