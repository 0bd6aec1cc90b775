package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.ringstream.customers.value.bgnbd.BgNbdModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard check of the BG/NBD model (FHL 2005, Figure 4): fitted on the CDNOW calibration
 * period, its forecast of each customer's repeat purchases in the 39-week holdout against what they
 * did, in total and grouped by calibration-period repeat purchases. The table is printed.
 */
class CdnowHoldoutTest {

    static final int GROUPS = 8; // 0, 1, …, 6, 7+

    @Test
    void givenTheCalibrationFit_whenTheHoldoutIsForecast_thenTheTotalIsCloseToTheActualCount() {
        Map<Integer, List<DatedPurchase>> purchases = Cdnow.purchases();
        List<RepeatSummary> summaries =
                purchases.values().stream()
                        .map(p -> RepeatSummary.of(p, Cdnow.CALIBRATION_END).orElseThrow())
                        .toList();
        BgNbdModel model = BgNbdModel.fit(summaries).model();

        int[] customers = new int[GROUPS];
        double[] actual = new double[GROUPS];
        double[] forecast = new double[GROUPS];
        for (List<DatedPurchase> history : purchases.values()) {
            RepeatSummary s = RepeatSummary.of(history, Cdnow.CALIBRATION_END).orElseThrow();
            int group = Math.min(s.x(), GROUPS - 1);
            customers[group]++;
            actual[group] += Cdnow.holdoutPurchaseDays(history);
            forecast[group] += model.expectedPurchases(s, Cdnow.HOLDOUT_WEEKS);
        }

        StringBuilder table = new StringBuilder();
        table.append(String.format("BG/NBD fit %s%n", model.parameters()));
        table.append("| x (calibration) | customers | actual | forecast | actual/customer |");
        table.append(" forecast/customer |\n|---|---:|---:|---:|---:|---:|\n");
        double actualTotal = 0, forecastTotal = 0;
        for (int g = 0; g < GROUPS; g++) {
            table.append(
                    String.format(
                            "| %s | %d | %.0f | %.1f | %.3f | %.3f |%n",
                            g == GROUPS - 1 ? g + "+" : Integer.toString(g),
                            customers[g],
                            actual[g],
                            forecast[g],
                            actual[g] / customers[g],
                            forecast[g] / customers[g]));
            actualTotal += actual[g];
            forecastTotal += forecast[g];
        }
        table.append(
                String.format(
                        "| total | %d | %.0f | %.1f | %.3f | %.3f |%n",
                        summaries.size(),
                        actualTotal,
                        forecastTotal,
                        actualTotal / summaries.size(),
                        forecastTotal / summaries.size()));
        System.out.println("CDNOW 39-week holdout, repeat purchases:\n" + table);

        assertThat(forecastTotal).isCloseTo(actualTotal, withinPercentage(15));
    }
}
