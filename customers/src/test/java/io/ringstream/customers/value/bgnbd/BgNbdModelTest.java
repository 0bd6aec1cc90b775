package io.ringstream.customers.value.bgnbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.ringstream.customers.value.CdnowTestData;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.cdnow.Cdnow;
import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** The BG/NBD likelihood, fit and forecasts against FHL 2005 and the CDNOW benchmark. */
class BgNbdModelTest {

    /** FHL 2005, Table 1 / the lifetimes documentation: the BG/NBD fit on CDNOW. */
    static final BgNbdParameters PUBLISHED = Cdnow.PUBLISHED_BG_NBD;

    /** FHL 2005 report LL = −9582.4 for that fit. */
    static final double PUBLISHED_LOG_LIKELIHOOD = Cdnow.PUBLISHED_BG_NBD_LOG_LIKELIHOOD;

    @Test
    void
            givenTheCdnowSummary_whenTheLikelihoodIsTakenAtThePublishedFit_thenItIsThePublishedValue() {
        double ll = BgNbdModel.logLikelihood(PUBLISHED, CdnowTestData.summaries());

        assertThat(ll).isCloseTo(PUBLISHED_LOG_LIKELIHOOD, within(0.05));
    }

    @Test
    void givenOneCustomer_whenTheLogLikelihoodIsTaken_thenItIsTheLogOfThePaperFormulaInGammas() {
        double r = 0.2426, alpha = 4.4135, a = 0.7929, b = 2.4258;
        int x = 2;
        double tx = 30.43, age = 38.86;
        double betaAB = beta(a, b);
        double rate = Gamma.gamma(r + x) * Math.pow(alpha, r) / Gamma.gamma(r);
        double expected =
                beta(a, b + x) / betaAB * rate / Math.pow(alpha + age, r + x)
                        + beta(a + 1, b + x - 1) / betaAB * rate / Math.pow(alpha + tx, r + x);

        double ll = BgNbdModel.logLikelihood(PUBLISHED, new RepeatSummary(x, tx, age, 22.35));

        assertThat(ll).isCloseTo(Math.log(expected), within(1e-10));
    }

    @Test
    void givenANewCustomerWithNoRepeats_whenTheLogLikelihoodIsTaken_thenOnlyTheAliveTermCounts() {
        double r = 0.2426, alpha = 4.4135, a = 0.7929, b = 2.4258, age = 30;
        double expected =
                Math.pow(alpha / (alpha + age), r); // B(a,b)/B(a,b) · Γ(r)/Γ(r) · (α/(α+T))^r

        double ll = BgNbdModel.logLikelihood(PUBLISHED, new RepeatSummary(0, 0, age, 0));

        assertThat(ll).isCloseTo(Math.log(expected), within(1e-12));
    }

    @Test
    void givenTheCdnowSummary_whenFitted_thenThePublishedParametersAreReproduced() {
        List<RepeatSummary> summaries = CdnowTestData.summaries();

        BgNbdModel.Fit fit = BgNbdModel.fit(summaries);

        System.out.printf(
                "BG/NBD fit on CDNOW: %s, LL %.4f, %d evaluations%n",
                fit.parameters(), fit.logLikelihood(), fit.evaluations());
        BgNbdParameters p = fit.parameters();
        assertThat(p.r()).isCloseTo(PUBLISHED.r(), withinPercentage(1));
        assertThat(p.alpha()).isCloseTo(PUBLISHED.alpha(), withinPercentage(1));
        assertThat(p.a()).isCloseTo(PUBLISHED.a(), withinPercentage(1));
        assertThat(p.b()).isCloseTo(PUBLISHED.b(), withinPercentage(1));
        assertThat(fit.logLikelihood())
                .isGreaterThanOrEqualTo(BgNbdModel.logLikelihood(PUBLISHED, summaries) - 1e-6);
        assertThat(fit.customers()).isEqualTo(2357);
    }

    @Test
    void givenANewCustomer_whenForecast_thenTheExpectationMatchesASimulationOfTheModel() {
        double t = 39;
        RepeatSummary brandNew = new RepeatSummary(0, 0, 0, 0);
        RandomGenerator random = new MersenneTwister(11);
        GammaDistribution lambdas =
                new GammaDistribution(random, PUBLISHED.r(), 1 / PUBLISHED.alpha());
        BetaDistribution dropOuts = new BetaDistribution(random, PUBLISHED.a(), PUBLISHED.b());
        int customers = 200_000;
        long purchases = 0;
        for (int i = 0; i < customers; i++) {
            double lambda = lambdas.sample();
            double p = dropOuts.sample();
            double time = 0;
            while (true) {
                time += -Math.log(1 - random.nextDouble()) / lambda;
                if (time > t) {
                    break;
                }
                purchases++;
                if (random.nextDouble() < p) {
                    break;
                }
            }
        }
        double simulated = (double) purchases / customers;

        double expected = new BgNbdModel(PUBLISHED).expectedPurchases(brandNew, t);

        assertThat(expected).isCloseTo(simulated, withinPercentage(3));
    }

    @Test
    void givenCustomerHistories_whenForecast_thenTheAnswersBehave() {
        BgNbdModel model = new BgNbdModel(PUBLISHED);
        RepeatSummary neverReturned = new RepeatSummary(0, 0, 38, 0);
        RepeatSummary recentRegular = new RepeatSummary(10, 37, 38, 20);
        RepeatSummary lapsedRegular = new RepeatSummary(10, 5, 38, 20);

        assertThat(model.probabilityAlive(neverReturned)).isEqualTo(1.0);
        assertThat(model.probabilityAlive(recentRegular))
                .isGreaterThan(model.probabilityAlive(lapsedRegular))
                .isLessThanOrEqualTo(1.0);
        assertThat(model.probabilityAlive(lapsedRegular)).isGreaterThan(0).isLessThan(0.01);
        assertThat(model.expectedPurchases(recentRegular, 0)).isZero();
        assertThat(model.expectedPurchases(recentRegular, 52))
                .isGreaterThan(model.expectedPurchases(recentRegular, 26))
                .isGreaterThan(model.expectedPurchases(lapsedRegular, 52));
        assertThat(model.expectedPurchases(neverReturned, 52)).isPositive().isLessThan(1);
    }

    @Test
    void givenOneCustomer_whenFitted_thenTheFitEndsWithValidParameters() {
        BgNbdModel.Fit fit = BgNbdModel.fit(List.of(new RepeatSummary(3, 20, 30, 10)));

        assertThat(fit.customers()).isEqualTo(1);
        assertThat(Double.isFinite(fit.logLikelihood())).isTrue();
    }

    @Test
    void givenInvalidInput_whenUsed_thenRefusedWithAReason() {
        assertThatThrownBy(() -> new BgNbdParameters(0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r must be finite and > 0");
        assertThatThrownBy(() -> new BgNbdParameters(1, Double.NaN, 1, 1))
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> BgNbdModel.fit(List.of()))
                .hasMessageContaining("at least one customer");
        assertThatThrownBy(
                        () ->
                                new BgNbdModel(PUBLISHED)
                                        .expectedPurchases(new RepeatSummary(0, 0, 1, 0), -1))
                .hasMessageContaining("t must be");
        assertThatThrownBy(
                        () ->
                                new BgNbdModel(new BgNbdParameters(1, 1, 1, 1))
                                        .expectedPurchases(new RepeatSummary(0, 0, 1, 0), 1))
                .hasMessageContaining("a = 1");
    }

    private static double beta(double p, double q) {
        return Gamma.gamma(p) * Gamma.gamma(q) / Gamma.gamma(p + q);
    }
}
