package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.gammagamma.GammaGammaModel;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The grouped likelihood sums equal the per-customer sums they replace in the fits. */
class SummaryGroupsTest {
    private static final BgNbdParameters BG = new BgNbdParameters(0.3, 4.0, 0.8, 2.5);
    private static final GammaGammaParameters GG = new GammaGammaParameters(6.0, 3.5, 15.0);

    @Test
    void groupsEqualHistoriesWithTheirCount() {
        List<RepeatSummary> customers =
                List.of(
                        new RepeatSummary(0, 0, 30, 0),
                        new RepeatSummary(0, 0, 30, 0),
                        new RepeatSummary(2, 10, 30, 12.5),
                        new RepeatSummary(2, 10, 30, 40));
        SummaryGroups history = SummaryGroups.byHistory(customers);
        SummaryGroups spend = SummaryGroups.bySpend(customers);

        assertThat(history.size()).isEqualTo(2);
        assertThat(history.customers()).isEqualTo(4);
        assertThat(history.weight(0) + history.weight(1)).isEqualTo(4);
        assertThat(spend.size()).isEqualTo(2);
        assertThat(spend.customers()).isEqualTo(2);
    }

    @Test
    void groupedSumsEqualPerCustomerSumsOnCdnow() {
        List<RepeatSummary> cdnow = CdnowTestData.summaries();
        double bgEach = 0;
        double ggEach = 0;
        for (RepeatSummary s : cdnow) {
            bgEach += BgNbdModel.logLikelihood(BG, s);
            if (s.x() >= 1) {
                ggEach += GammaGammaModel.logLikelihood(GG, s);
            }
        }

        assertThat(BgNbdModel.logLikelihood(BG, SummaryGroups.byHistory(cdnow)))
                .isCloseTo(bgEach, within(1e-6));
        assertThat(GammaGammaModel.logLikelihood(GG, SummaryGroups.bySpend(cdnow)))
                .isCloseTo(ggEach, within(1e-6));
    }
}
