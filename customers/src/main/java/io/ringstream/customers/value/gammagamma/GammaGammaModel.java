package io.ringstream.customers.value.gammagamma;

import static org.apache.commons.math3.special.Gamma.logGamma;

import io.ringstream.customers.value.LogParameterFit;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.SummaryGroups;
import java.util.List;
import java.util.Objects;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie and Lee 2005, "RFM and CLV: using
 * iso-value curves for customer base analysis"): a customer's transaction values are Gamma(p, ν)
 * with ν ~ Gamma(q, v) across customers. It answers what a customer's next purchase is worth,
 * shrinking their observed mean towards the population's. Formulas: docs/customer-value.md.
 */
public final class GammaGammaModel {

    /** Where the fit starts: all parameters 1, like lifetimes. */
    private static final double[] START = {1, 1, 1};

    private final GammaGammaParameters parameters;

    public GammaGammaModel(GammaGammaParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "Gamma-Gamma parameters are required");
    }

    public GammaGammaParameters parameters() {
        return parameters;
    }

    /**
     * The result of a maximum-likelihood fit.
     *
     * @param customers how many summaries with x ≥ 1 it was fitted on
     * @param evaluations how many times the likelihood was computed
     */
    public record Fit(
            GammaGammaParameters parameters, double logLikelihood, int customers, int evaluations) {
        public GammaGammaModel model() {
            return new GammaGammaModel(parameters);
        }
    }

    /**
     * Fits p, q and v by maximum likelihood on the customers with at least one repeat purchase and
     * a positive mean value; the others carry no information about spend and are skipped.
     */
    public static Fit fit(List<RepeatSummary> summaries) {
        Objects.requireNonNull(summaries, "summaries are required");
        List<RepeatSummary> returning = summaries.stream().filter(s -> s.x() >= 1).toList();
        if (returning.isEmpty()) {
            throw new IllegalArgumentException(
                    "Gamma-Gamma needs at least one customer with a repeat purchase to fit");
        }
        if (returning.stream().anyMatch(s -> s.meanValue() <= 0)) {
            throw new IllegalArgumentException(
                    "Gamma-Gamma needs a positive mean repeat value for every customer with x >= 1");
        }
        SummaryGroups groups = SummaryGroups.bySpend(returning);
        LogParameterFit.Result result =
                LogParameterFit.maximise(
                        p -> logLikelihood(GammaGammaParameters.of(p), groups), START);
        return new Fit(
                GammaGammaParameters.of(result.parameters()),
                result.logLikelihood(),
                returning.size(),
                result.evaluations());
    }

    /**
     * One customer's log-likelihood of their mean repeat value m over x ≥ 1 purchases:
     *
     * <pre>
     * L = Γ(px+q) / (Γ(px) Γ(q)) · v^q m^(px−1) x^(px) / (v + x m)^(px+q)
     * </pre>
     */
    public static double logLikelihood(GammaGammaParameters g, RepeatSummary s) {
        int x = s.x();
        if (x < 1) {
            throw new IllegalArgumentException(
                    "the Gamma-Gamma likelihood needs x >= 1 repeat purchases, was " + x);
        }
        double m = s.meanValue();
        double px = g.p() * x;
        return logGamma(px + g.q())
                - logGamma(px)
                - logGamma(g.q())
                + g.q() * Math.log(g.v())
                + (px - 1) * Math.log(m)
                + px * Math.log(x)
                - (px + g.q()) * Math.log(x * m + g.v());
    }

    /** The sum of the log-likelihoods of the customers with x ≥ 1 (the others are skipped). */
    public static double logLikelihood(GammaGammaParameters g, List<RepeatSummary> summaries) {
        return logLikelihood(g, SummaryGroups.bySpend(summaries));
    }

    /**
     * The same sum over grouped customers (x ≥ 1): the terms that depend on x alone are computed
     * once per distinct x. Equal to summing {@link #logLikelihood(GammaGammaParameters,
     * RepeatSummary)} (up to rounding).
     */
    public static double logLikelihood(GammaGammaParameters g, SummaryGroups groups) {
        double q = g.q();
        double v = g.v();
        double base = -logGamma(q) + q * Math.log(v);
        boolean[] present = groups.presentX();
        double[] byX = new double[present.length];
        for (int x = 1; x < present.length; x++) {
            if (present[x]) {
                double px = g.p() * x;
                byX[x] = logGamma(px + q) - logGamma(px) + base + px * Math.log(x);
            }
        }
        double total = 0;
        for (int i = 0; i < groups.size(); i++) {
            int x = groups.x(i);
            double m = groups.meanValue(i);
            double px = g.p() * x;
            total +=
                    groups.weight(i)
                            * (byX[x] + (px - 1) * Math.log(m) - (px + q) * Math.log(x * m + v));
        }
        return total;
    }

    /**
     * The expected value of one of the customer's transactions given their history:
     *
     * <pre>
     * E[Z | x, m] = (q−1)/(px+q−1) · v p/(q−1) + px/(px+q−1) · m = p (v + x m) / (px + q − 1)
     * </pre>
     *
     * For x = 0 this is the population mean v p / (q − 1), which needs q > 1.
     */
    public double expectedValue(RepeatSummary s) {
        double px = parameters.p() * s.x();
        double denominator = px + parameters.q() - 1;
        if (!(denominator > 0)) {
            throw new IllegalStateException(
                    "the Gamma-Gamma mean is infinite when px + q <= 1 (p="
                            + parameters.p()
                            + ", q="
                            + parameters.q()
                            + ", x="
                            + s.x()
                            + ")");
        }
        return parameters.p() * (parameters.v() + s.x() * s.meanValue()) / denominator;
    }
}
