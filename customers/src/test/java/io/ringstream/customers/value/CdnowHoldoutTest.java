package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.cdnow.HoldoutTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard check of the BG/NBD model (FHL 2005, Figure 4): fitted on the CDNOW calibration
 * period, its forecast of each customer's repeat purchases in the 39-week holdout against what they
 * did, in total and grouped by calibration-period repeat purchases. The table is printed.
 */
class CdnowHoldoutTest {

    @Test
    void givenTheCalibrationFit_whenTheHoldoutIsForecast_thenTheTotalIsCloseToTheActualCount() {
        Map<Integer, List<DatedPurchase>> purchases = CdnowTestData.purchases();
        List<RepeatSummary> summaries = List.copyOf(Cdnow.calibrationSummaries(purchases).values());
        BgNbdModel model = BgNbdModel.fit(summaries).model();

        HoldoutTable table = HoldoutTable.of(purchases, model);

        System.out.println(
                "CDNOW 39-week holdout, repeat purchases (BG/NBD fit "
                        + model.parameters()
                        + "):\n"
                        + String.join("\n", table.lines()));
        assertThat(table.groups()).hasSize(HoldoutTable.GROUPS);
        assertThat(table.total().customers()).isEqualTo(2357);
        assertThat(table.groups().stream().mapToInt(HoldoutTable.Row::customers).sum())
                .isEqualTo(2357);
        assertThat(table.total().actual()).isEqualTo(1882);
        assertThat(table.groups().get(0).customers()).isEqualTo(1411);
        assertThat(table.groups().get(7).label()).isEqualTo("7+");
        assertThat(table.total().forecast())
                .isCloseTo(table.total().actual(), withinPercentage(15));
    }
}
