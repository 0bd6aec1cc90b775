package io.ringstream.customers.value.gammagamma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.ringstream.customers.value.CdnowTestData;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.cdnow.Cdnow;
import java.util.List;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

/** The Gamma-Gamma likelihood, fit and expected value against the CDNOW benchmark. */
class GammaGammaModelTest {

    /** The lifetimes documentation's fit on the 946 CDNOW customers with x ≥ 1. */
    static final GammaGammaParameters PUBLISHED = Cdnow.PUBLISHED_GAMMA_GAMMA;

    @Test
    void givenOneCustomer_whenTheLogLikelihoodIsTaken_thenItIsTheLogOfTheFormulaInGammas() {
        double p = 6.25, q = 3.74, v = 15.45, m = 22.35;
        int x = 2;
        double expected =
                Gamma.gamma(p * x + q)
                        / (Gamma.gamma(p * x) * Gamma.gamma(q))
                        * Math.pow(v, q)
                        * Math.pow(m, p * x - 1)
                        * Math.pow(x, p * x)
                        / Math.pow(v + x * m, p * x + q);

        double ll = GammaGammaModel.logLikelihood(PUBLISHED, new RepeatSummary(x, 30, 38, m));

        assertThat(ll).isCloseTo(Math.log(expected), within(1e-10));
    }

    @Test
    void givenTheCdnowSummary_whenFitted_thenThePublishedParametersAreReproduced() {
        List<RepeatSummary> summaries = CdnowTestData.summaries();

        GammaGammaModel.Fit fit = GammaGammaModel.fit(summaries);

        System.out.printf(
                "Gamma-Gamma fit on CDNOW: %s, LL %.4f, %d customers, %d evaluations%n",
                fit.parameters(), fit.logLikelihood(), fit.customers(), fit.evaluations());
        GammaGammaParameters g = fit.parameters();
        assertThat(fit.customers()).isEqualTo(946);
        assertThat(g.p()).isCloseTo(PUBLISHED.p(), withinPercentage(1));
        assertThat(g.q()).isCloseTo(PUBLISHED.q(), withinPercentage(1));
        assertThat(g.v()).isCloseTo(PUBLISHED.v(), withinPercentage(1));
        assertThat(fit.logLikelihood())
                .isGreaterThanOrEqualTo(GammaGammaModel.logLikelihood(PUBLISHED, summaries));
    }

    @Test
    void givenHistories_whenTheExpectedValueIsAsked_thenTheMeanShrinksTowardsThePopulation() {
        GammaGammaModel model = new GammaGammaModel(PUBLISHED);
        double population = PUBLISHED.v() * PUBLISHED.p() / (PUBLISHED.q() - 1);

        double none = model.expectedValue(new RepeatSummary(0, 0, 30, 0));
        double oneBig = model.expectedValue(new RepeatSummary(1, 3, 30, 200));
        double manyBig = model.expectedValue(new RepeatSummary(20, 29, 30, 200));

        assertThat(none).isCloseTo(population, within(1e-12));
        assertThat(oneBig).isBetween(population, 200.0);
        assertThat(manyBig).isBetween(oneBig, 200.0);
    }

    @Test
    void givenNoReturningCustomers_whenFitted_thenRefusedWithAReason() {
        assertThatThrownBy(() -> GammaGammaModel.fit(List.of(new RepeatSummary(0, 0, 10, 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one customer with a repeat purchase");
        assertThatThrownBy(() -> GammaGammaModel.fit(List.of(new RepeatSummary(2, 5, 10, 0))))
                .hasMessageContaining("positive mean repeat value");
        assertThatThrownBy(
                        () ->
                                GammaGammaModel.logLikelihood(
                                        PUBLISHED, new RepeatSummary(0, 0, 10, 0)))
                .hasMessageContaining("x >= 1");
        assertThatThrownBy(() -> new GammaGammaParameters(1, -1, 1)).hasMessageContaining("q");
        assertThatThrownBy(
                        () ->
                                new GammaGammaModel(new GammaGammaParameters(1, 0.5, 1))
                                        .expectedValue(new RepeatSummary(0, 0, 10, 0)))
                .hasMessageContaining("px + q <= 1");
    }
}
