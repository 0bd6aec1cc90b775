package io.ringstream.customers.value.cdnow;

import io.ringstream.customers.value.DatedPurchase;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.bgnbd.BgNbdModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The standard check of the BG/NBD model (FHL 2005, Figure 4), shared by the tests and {@code
 * ./ringstream value-check}: the model's forecast of each customer's repeat purchases in the
 * 39-week holdout against their distinct purchase days there, grouped by calibration-period repeat
 * purchases (0, 1, …, 6, 7+) and in total.
 *
 * @param groups one row per group, 0 to {@value #GROUPS}−1 (the last is "7+")
 * @param total all customers
 */
public record HoldoutTable(List<Row> groups, Row total) {

    /** Groups 0, 1, …, 6 and 7+. */
    public static final int GROUPS = 8;

    /** One group's customers and their holdout repeat purchases, actual and forecast. */
    public record Row(String label, int customers, double actual, double forecast) {
        public double actualPerCustomer() {
            return customers == 0 ? 0 : actual / customers;
        }

        public double forecastPerCustomer() {
            return customers == 0 ? 0 : forecast / customers;
        }
    }

    public HoldoutTable {
        groups = List.copyOf(groups);
        Objects.requireNonNull(total, "total is required");
    }

    /**
     * The table for {@code model} (fitted on the calibration period) over the customers' purchases;
     * customers with no purchase up to the calibration end are left out.
     */
    public static HoldoutTable of(Map<Integer, List<DatedPurchase>> purchases, BgNbdModel model) {
        int[] customers = new int[GROUPS];
        double[] actual = new double[GROUPS];
        double[] forecast = new double[GROUPS];
        for (List<DatedPurchase> history : purchases.values()) {
            RepeatSummary s = RepeatSummary.of(history, Cdnow.CALIBRATION_END).orElse(null);
            if (s == null) {
                continue;
            }
            int group = Math.min(s.x(), GROUPS - 1);
            customers[group]++;
            actual[group] += Cdnow.holdoutPurchaseDays(history);
            forecast[group] += model.expectedPurchases(s, Cdnow.HOLDOUT_WEEKS);
        }
        List<Row> rows = new ArrayList<>();
        int allCustomers = 0;
        double allActual = 0, allForecast = 0;
        for (int g = 0; g < GROUPS; g++) {
            rows.add(
                    new Row(
                            g == GROUPS - 1 ? g + "+" : Integer.toString(g),
                            customers[g],
                            actual[g],
                            forecast[g]));
            allCustomers += customers[g];
            allActual += actual[g];
            allForecast += forecast[g];
        }
        return new HoldoutTable(rows, new Row("total", allCustomers, allActual, allForecast));
    }

    /** The table as aligned plain-text columns, a header line first. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        Locale.ROOT,
                        "%-6s %9s %8s %9s %17s %15s",
                        "x",
                        "customers",
                        "actual",
                        "forecast",
                        "forecast/customer",
                        "actual/customer"));
        for (Row row : groups) {
            lines.add(line(row));
        }
        lines.add(line(total));
        return lines;
    }

    private static String line(Row row) {
        return String.format(
                Locale.ROOT,
                "%-6s %9d %8.0f %9.1f %17.3f %15.3f",
                row.label(),
                row.customers(),
                row.actual(),
                row.forecast(),
                row.forecastPerCustomer(),
                row.actualPerCustomer());
    }
}
