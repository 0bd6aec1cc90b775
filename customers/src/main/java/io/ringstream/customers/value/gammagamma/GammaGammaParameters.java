package io.ringstream.customers.value.gammagamma;

/**
 * The three parameters of the Gamma-Gamma spend model, kept together so a fitted model can be
 * stored, shown and compared with published fits.
 *
 * @param p shape of the gamma distribution of a transaction's value around the customer's mean
 * @param q shape of the gamma distribution of the customers' rates ν
 * @param v scale of the gamma distribution of the customers' rates ν
 */
public record GammaGammaParameters(double p, double q, double v) {

    public GammaGammaParameters {
        positive(p, "p");
        positive(q, "q");
        positive(v, "v");
    }

    static GammaGammaParameters of(double[] values) {
        return new GammaGammaParameters(values[0], values[1], values[2]);
    }

    private static void positive(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "Gamma-Gamma parameter " + name + " must be finite and > 0, was " + value);
        }
    }
}
