package io.ringstream.customers.value.bgnbd;

import static org.apache.commons.math3.special.Beta.logBeta;
import static org.apache.commons.math3.special.Gamma.logGamma;

import io.ringstream.customers.value.LogParameterFit;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.SummaryGroups;
import java.util.List;
import java.util.Objects;

/**
 * The BG/NBD model of repeat purchasing (Fader, Hardie and Lee 2005, "Counting your customers the
 * easy way"): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α), and after each
 * purchase drops out with probability p ~ Beta(a, b). It answers how many purchases a customer will
 * make next and whether they are still a customer. Formulas: docs/customer-value.md.
 */
public final class BgNbdModel {

    /** Where the fit starts: all parameters 1, the usual choice (lifetimes does the same). */
    private static final double[] START = {1, 1, 1, 1};

    private final BgNbdParameters parameters;

    public BgNbdModel(BgNbdParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "BG/NBD parameters are required");
    }

    public BgNbdParameters parameters() {
        return parameters;
    }

    /**
     * The result of a maximum-likelihood fit.
     *
     * @param customers how many summaries it was fitted on
     * @param evaluations how many times the likelihood was computed
     */
    public record Fit(
            BgNbdParameters parameters, double logLikelihood, int customers, int evaluations) {
        public BgNbdModel model() {
            return new BgNbdModel(parameters);
        }
    }

    /** Fits the four parameters by maximum likelihood on customers' calibration summaries. */
    public static Fit fit(List<RepeatSummary> summaries) {
        Objects.requireNonNull(summaries, "summaries are required");
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer to fit");
        }
        SummaryGroups groups = SummaryGroups.byHistory(summaries);
        LogParameterFit.Result result =
                LogParameterFit.maximise(p -> logLikelihood(BgNbdParameters.of(p), groups), START);
        return new Fit(
                BgNbdParameters.of(result.parameters()),
                result.logLikelihood(),
                summaries.size(),
                result.evaluations());
    }

    /**
     * One customer's log-likelihood, FHL 2005 eq. (6):
     *
     * <pre>
     * L = B(a, b+x)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+T)^(r+x))
     *   + δ(x>0) B(a+1, b+x−1)/B(a, b) · Γ(r+x) α^r / (Γ(r) (α+t_x)^(r+x))
     * </pre>
     */
    public static double logLikelihood(BgNbdParameters p, RepeatSummary s) {
        int x = s.x();
        double r = p.r();
        double alpha = p.alpha();
        double common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
        double stillAlive =
                logBeta(p.a(), p.b() + x)
                        - logBeta(p.a(), p.b())
                        - (r + x) * Math.log(alpha + s.age());
        if (x == 0) {
            return common + stillAlive;
        }
        double droppedOut =
                logBeta(p.a() + 1, p.b() + x - 1)
                        - logBeta(p.a(), p.b())
                        - (r + x) * Math.log(alpha + s.tx());
        return common + logSumExp(stillAlive, droppedOut);
    }

    /** The sum of the customers' log-likelihoods. */
    public static double logLikelihood(BgNbdParameters p, List<RepeatSummary> summaries) {
        return logLikelihood(p, SummaryGroups.byHistory(summaries));
    }

    /**
     * The same sum over grouped customers: the terms of eq. (6) that depend on x alone are computed
     * once per distinct x, and each distinct history once, times its weight. Equal to summing
     * {@link #logLikelihood(BgNbdParameters, RepeatSummary)} (up to rounding).
     */
    public static double logLikelihood(BgNbdParameters p, SummaryGroups groups) {
        double r = p.r();
        double alpha = p.alpha();
        double a = p.a();
        double b = p.b();
        double logBetaAb = logBeta(a, b);
        double base = -logGamma(r) + r * Math.log(alpha);
        boolean[] present = groups.presentX();
        double[] common = new double[present.length];
        double[] alive = new double[present.length];
        double[] dropped = new double[present.length];
        for (int x = 0; x < present.length; x++) {
            if (present[x]) {
                common[x] = logGamma(r + x) + base;
                alive[x] = logBeta(a, b + x) - logBetaAb;
                dropped[x] = x == 0 ? 0 : logBeta(a + 1, b + x - 1) - logBetaAb;
            }
        }
        double total = 0;
        for (int g = 0; g < groups.size(); g++) {
            int x = groups.x(g);
            double stillAlive = alive[x] - (r + x) * Math.log(alpha + groups.age(g));
            double one =
                    x == 0
                            ? stillAlive
                            : logSumExp(
                                    stillAlive,
                                    dropped[x] - (r + x) * Math.log(alpha + groups.tx(g)));
            total += groups.weight(g) * (common[x] + one);
        }
        return total;
    }

    /**
     * The probability that a customer with this history is still alive at T, FHL 2005 eq. (13): 1 /
     * (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)).
     */
    public double probabilityAlive(RepeatSummary s) {
        if (s.x() == 0) {
            return 1;
        }
        return 1 / (1 + Math.exp(logOddsDroppedOut(s)));
    }

    /**
     * The expected number of purchases in the next {@code t} periods (weeks) of a customer with
     * this history, E[Y(t) | x, t_x, T], FHL 2005 eq. (10):
     *
     * <pre>
     * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
     *   / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x))
     * </pre>
     *
     * The closed form divides by a − 1, so it is refused for a model with a = 1 exactly (a fit
     * lands there with probability zero).
     */
    public double expectedPurchases(RepeatSummary s, double t) {
        if (!(t >= 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("t must be a finite number >= 0, was " + t);
        }
        if (t == 0) {
            return 0;
        }
        double r = parameters.r();
        double alpha = parameters.alpha();
        double a = parameters.a();
        if (a == 1) {
            throw new IllegalStateException(
                    "the BG/NBD conditional expectation is undefined at a = 1 (it divides by a - 1)");
        }
        double b = parameters.b();
        int x = s.x();
        double z = t / (alpha + s.age() + t);
        double hyp = Hypergeometric.f21(r + x, b + x, a + b + x - 1, z);
        double power = Math.exp((r + x) * Math.log((alpha + s.age()) / (alpha + s.age() + t)));
        double numerator = (a + b + x - 1) / (a - 1) * (1 - power * hyp);
        double denominator = s.x() == 0 ? 1 : 1 + Math.exp(logOddsDroppedOut(s));
        return numerator / denominator;
    }

    /** log(a/(b+x−1) ((α+T)/(α+t_x))^(r+x)), for x > 0. */
    private double logOddsDroppedOut(RepeatSummary s) {
        int x = s.x();
        BgNbdParameters p = parameters;
        return Math.log(p.a() / (p.b() + x - 1))
                + (p.r() + x) * Math.log((p.alpha() + s.age()) / (p.alpha() + s.tx()));
    }

    private static double logSumExp(double u, double v) {
        double max = Math.max(u, v);
        return max + Math.log(Math.exp(u - max) + Math.exp(v - max));
    }
}
