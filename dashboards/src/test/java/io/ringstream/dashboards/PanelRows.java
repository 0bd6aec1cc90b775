package io.ringstream.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Holds a rewritten panel's rows equal to what its former SQL returns: every cell equal, but a
 * number only to a tolerance, since ClickHouse adds in the order its threads deliver rows, which
 * differs from run to run and from one plan to the other. One comparison for every such test.
 */
final class PanelRows {
    /** 1e-9 whatever the value: means of small figures (scores, rates, seconds). */
    static final DoubleUnaryOperator ABSOLUTE = x -> 1e-9;

    /** 1e-9 of the value, at least 1e-9: sums of counts and money. */
    static final DoubleUnaryOperator RELATIVE = x -> 1e-9 * Math.max(1, Math.abs(x));

    private PanelRows() {}

    static void assertSameRows(
            List<List<String>> shown,
            List<List<String>> expected,
            String what,
            DoubleUnaryOperator tolerance) {
        assertThat(shown).as(what).hasSameSizeAs(expected);
        for (int r = 0; r < expected.size(); r++) {
            assertSameRow(shown.get(r), expected.get(r), what + " row " + r, tolerance);
        }
    }

    static void assertSameRow(
            List<String> shown, List<String> expected, String what, DoubleUnaryOperator tolerance) {
        assertThat(shown).as(what).hasSameSizeAs(expected);
        for (int c = 0; c < expected.size(); c++) {
            String e = expected.get(c);
            String s = shown.get(c);
            if (e != null && s != null && !e.equals(s) && e.matches("-?[0-9.eE+-]+")) {
                double want = Double.parseDouble(e);
                assertThat(Double.parseDouble(s))
                        .as(what + " column " + c)
                        .isCloseTo(want, offset(tolerance.applyAsDouble(want)));
            } else {
                assertThat(s).as(what + " column " + c).isEqualTo(e);
            }
        }
    }
}
