package io.ringstream.customers.value.bgnbd;

/**
 * The four parameters of the BG/NBD model, kept together so a fitted model can be stored, shown and
 * compared with published fits.
 *
 * @param r shape of the gamma distribution of purchase rates λ
 * @param alpha scale of the gamma distribution of purchase rates λ
 * @param a first shape of the beta distribution of drop-out probabilities p
 * @param b second shape of the beta distribution of drop-out probabilities p
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

    public BgNbdParameters {
        positive(r, "r");
        positive(alpha, "alpha");
        positive(a, "a");
        positive(b, "b");
    }

    static BgNbdParameters of(double[] values) {
        return new BgNbdParameters(values[0], values[1], values[2], values[3]);
    }

    double[] toArray() {
        return new double[] {r, alpha, a, b};
    }

    private static void positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "BG/NBD parameter " + name + " must be finite and > 0, was " + value);
        }
    }
}
