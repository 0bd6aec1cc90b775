package io.ringstream.customers.value;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CDNOW benchmark as the tests read it, from the copies in src/test/resources/cdnow (see the
 * README there): the published calibration summary and the raw purchases.
 */
public final class Cdnow {

    /** The last day of the 39-week calibration period. */
    public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    /** The last day of the 39-week holdout period that follows it. */
    public static final LocalDate HOLDOUT_END = CALIBRATION_END.plusWeeks(39);

    public static final double HOLDOUT_WEEKS = 39;

    /** One row of the published summary. */
    public record Row(int id, RepeatSummary summary) {}

    private Cdnow() {}

    /** The 2,357 rows of cdnow_customers_summary_with_transactions.csv, in file order. */
    public static List<Row> summaryCsv() {
        List<Row> rows = new ArrayList<>();
        List<String> lines = lines("cdnow/cdnow_customers_summary_with_transactions.csv");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            rows.add(
                    new Row(
                            Integer.parseInt(f[0]),
                            new RepeatSummary(
                                    Integer.parseInt(f[1]),
                                    Double.parseDouble(f[2]),
                                    Double.parseDouble(f[3]),
                                    Double.parseDouble(f[4]))));
        }
        return rows;
    }

    public static List<RepeatSummary> summaries() {
        return summaryCsv().stream().map(Row::summary).toList();
    }

    /** The purchases of CDNOW_sample.txt by the sample's customer id (1–2357). */
    public static Map<Integer, List<DatedPurchase>> purchases() {
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, List<DatedPurchase>> byCustomer = new TreeMap<>();
        for (String line : lines("cdnow/CDNOW_sample.txt")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            byCustomer
                    .computeIfAbsent(Integer.parseInt(f[1]), id -> new ArrayList<>())
                    .add(
                            new DatedPurchase(
                                    LocalDate.parse(f[2], yyyymmdd), Double.parseDouble(f[4])));
        }
        return byCustomer;
    }

    /** Purchase days after the calibration end up to the holdout end: the holdout's repeats. */
    public static int holdoutPurchaseDays(List<DatedPurchase> purchases) {
        return (int)
                purchases.stream()
                        .map(DatedPurchase::date)
                        .filter(d -> d.isAfter(CALIBRATION_END) && !d.isAfter(HOLDOUT_END))
                        .distinct()
                        .count();
    }

    private static List<String> lines(String resource) {
        InputStream in = Cdnow.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
