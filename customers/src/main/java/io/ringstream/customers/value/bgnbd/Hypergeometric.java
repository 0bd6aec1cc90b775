package io.ringstream.customers.value.bgnbd;

/**
 * Gauss's hypergeometric function ₂F₁, which the BG/NBD conditional expectation needs and neither
 * commons-math3 nor Hipparchus provides. Summed as its power series, which converges for |z| < 1;
 * the BG/NBD argument t / (α + T + t) always lies in [0, 1).
 */
final class Hypergeometric {

    private static final int MAX_TERMS = 100_000;
    private static final double RELATIVE_TOLERANCE = 1e-15;

    private Hypergeometric() {}

    /**
     * ₂F₁(a, b; c; z) = Σ<sub>j≥0</sub> (a)<sub>j</sub> (b)<sub>j</sub> / (c)<sub>j</sub> z^j / j!.
     */
    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, was " + z);
        }
        double term = 1;
        double sum = 1;
        for (int j = 0; j < MAX_TERMS; j++) {
            term *= (a + j) * (b + j) / ((c + j) * (j + 1)) * z;
            sum += term;
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ArithmeticException(
                "2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
    }
}
