package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.customers.value.cdnow.Cdnow;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a customer's dated purchases become the models' summary, checked on CDNOW too. */
class RepeatSummaryTest {

    static final LocalDate END = LocalDate.of(2026, 3, 31);

    static DatedPurchase on(String day, double amount) {
        return new DatedPurchase(LocalDate.parse(day), amount);
    }

    @Test
    void givenPurchasesOnThreeDays_whenSummarised_thenTwoRepeatsInWeeksFromTheFirst() {
        List<DatedPurchase> purchases =
                List.of(
                        on("2026-01-01", 10),
                        on("2026-01-15", 20),
                        on("2026-01-15", 5),
                        on("2026-02-12", 35));

        RepeatSummary s = RepeatSummary.of(purchases, END).orElseThrow();

        assertThat(s.x()).as("two later days, one with two purchases").isEqualTo(2);
        assertThat(s.tx()).isEqualTo(6.0);
        assertThat(s.age()).isEqualTo(89 / 7.0);
        assertThat(s.meanValue()).as("(25 + 35) / 2").isEqualTo(30.0);
    }

    @Test
    void givenOnlyFirstDayPurchases_whenSummarised_thenXIsZeroWithNoRepeatValue() {
        RepeatSummary s =
                RepeatSummary.of(List.of(on("2026-03-03", 10), on("2026-03-03", 12)), END)
                        .orElseThrow();

        assertThat(s).isEqualTo(new RepeatSummary(0, 0, 4, 0));
    }

    @Test
    void givenPurchasesAfterTheCalibrationEnd_whenSummarised_thenTheyAreIgnored() {
        RepeatSummary s =
                RepeatSummary.of(
                                List.of(
                                        on("2026-03-24", 10),
                                        on("2026-03-31", 10),
                                        on("2026-04-01", 99)),
                                END)
                        .orElseThrow();

        assertThat(s).isEqualTo(new RepeatSummary(1, 1, 1, 10));
        assertThat(RepeatSummary.of(List.of(on("2026-04-01", 99)), END)).isEmpty();
        assertThat(RepeatSummary.of(List.of(), END)).isEmpty();
    }

    @Test
    void givenInvalidInput_whenBuilt_thenRefusedWithAReason() {
        assertThatThrownBy(() -> on("2026-01-01", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> on("2026-01-01", Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DatedPurchase(null, 1)).hasMessageContaining("date");
        assertThatThrownBy(() -> new RepeatSummary(-1, 0, 1, 0)).hasMessageContaining("x");
        assertThatThrownBy(() -> new RepeatSummary(1, 2, 1, 5)).hasMessageContaining("t_x");
        assertThatThrownBy(() -> new RepeatSummary(0, 1, 2, 0))
                .hasMessageContaining("t_x must be 0 when x = 0");
        assertThatThrownBy(() -> new RepeatSummary(1, 1, 2, -5))
                .hasMessageContaining("mean repeat value");
        assertThatThrownBy(() -> RepeatSummary.of(List.of(on("2026-01-01", 1)), null))
                .hasMessageContaining("calibration end");
    }

    @Test
    void givenCdnowTransactions_whenSummarised_thenEveryCustomerMatchesThePublishedSummary() {
        Map<Integer, List<DatedPurchase>> purchases = CdnowTestData.purchases();
        List<Cdnow.Row> published = CdnowTestData.summaryCsv();

        List<String> mismatches = new ArrayList<>();
        for (Cdnow.Row row : published) {
            RepeatSummary built =
                    RepeatSummary.of(purchases.get(row.id()), Cdnow.CALIBRATION_END).orElseThrow();
            RepeatSummary expected = row.summary();
            if (built.x() != expected.x()
                    || Math.abs(built.tx() - expected.tx()) > 0.005 + 1e-9
                    || Math.abs(built.age() - expected.age()) > 0.005 + 1e-9
                    || Math.abs(built.meanValue() - expected.meanValue()) > 0.005 + 1e-9) {
                mismatches.add(row.id() + ": built " + built + ", published " + expected);
            }
        }

        assertThat(published).hasSize(2357);
        assertThat(purchases).hasSize(2357);
        assertThat(mismatches).isEmpty();
        assertThat(published.get(0).summary().tx()).isCloseTo(30.43, within(1e-9));
    }
}
