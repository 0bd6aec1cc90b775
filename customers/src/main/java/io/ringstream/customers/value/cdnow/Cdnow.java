package io.ringstream.customers.value.cdnow;

import io.ringstream.customers.value.DatedPurchase;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CDNOW benchmark in one place, so the tests and {@code ./ringstream value-check} read the same
 * files the same way and compare with the same published numbers: the calibration and holdout
 * periods, the published fits, and the readers of {@code CDNOW_sample.txt} and {@code
 * cdnow_customers_summary_with_transactions.csv} (format: the README beside the files).
 */
public final class Cdnow {

    /** The raw purchases: ids, date {@code yyyymmdd}, CDs, amount; space-separated. */
    public static final String TRANSACTIONS_FILE = "CDNOW_sample.txt";

    /** The published calibration summary: {@code ID,x,t_x,T,zbar}. */
    public static final String SUMMARY_FILE = "cdnow_customers_summary_with_transactions.csv";

    /** The first day of the 39-week calibration period. */
    public static final LocalDate CALIBRATION_START = LocalDate.of(1997, 1, 1);

    /** The last day of the 39-week calibration period. */
    public static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    /** The length of the holdout period that follows the calibration end, in weeks. */
    public static final double HOLDOUT_WEEKS = 39;

    /** The last day of the 39-week holdout period. */
    public static final LocalDate HOLDOUT_END = CALIBRATION_END.plusWeeks(39);

    /** FHL 2005, Table 1, and the lifetimes documentation: the BG/NBD fit on CDNOW. */
    public static final BgNbdParameters PUBLISHED_BG_NBD =
            new BgNbdParameters(0.2426, 4.4135, 0.7929, 2.4258);

    /** FHL 2005 report LL = −9582.4 for the published BG/NBD fit. */
    public static final double PUBLISHED_BG_NBD_LOG_LIKELIHOOD = -9582.4;

    /** The lifetimes documentation: the Gamma-Gamma fit on the 946 customers with x ≥ 1. */
    public static final GammaGammaParameters PUBLISHED_GAMMA_GAMMA =
            new GammaGammaParameters(6.25, 3.74, 15.45);

    /** One row of the published summary. */
    public record Row(int id, RepeatSummary summary) {}

    private Cdnow() {}

    /**
     * The purchases of {@code dir/CDNOW_sample.txt} by the sample's customer id (1–2357), in file
     * order per customer.
     *
     * @throws IllegalArgumentException when the file is missing or a line is malformed (with its
     *     number)
     */
    public static Map<Integer, List<DatedPurchase>> purchases(Path dir) {
        Path file = dir.resolve(TRANSACTIONS_FILE);
        DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
        Map<Integer, List<DatedPurchase>> byCustomer = new TreeMap<>();
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields, found " + f.length);
                }
                byCustomer
                        .computeIfAbsent(Integer.parseInt(f[1]), id -> new ArrayList<>())
                        .add(
                                new DatedPurchase(
                                        LocalDate.parse(f[2], yyyymmdd), Double.parseDouble(f[4])));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw malformed(file, i, e);
            }
        }
        return byCustomer;
    }

    /** The rows of {@code dir/cdnow_customers_summary_with_transactions.csv}, in file order. */
    public static List<Row> summaryCsv(Path dir) {
        Path file = dir.resolve(SUMMARY_FILE);
        List<Row> rows = new ArrayList<>();
        List<String> lines = lines(file);
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                if (f.length != 5) {
                    throw new IllegalArgumentException("expected 5 fields, found " + f.length);
                }
                rows.add(
                        new Row(
                                Integer.parseInt(f[0]),
                                new RepeatSummary(
                                        Integer.parseInt(f[1]),
                                        Double.parseDouble(f[2]),
                                        Double.parseDouble(f[3]),
                                        Double.parseDouble(f[4]))));
            } catch (IllegalArgumentException e) {
                throw malformed(file, i, e);
            }
        }
        return rows;
    }

    /** Each customer's calibration summary at {@link #CALIBRATION_END}, by customer id. */
    public static Map<Integer, RepeatSummary> calibrationSummaries(
            Map<Integer, List<DatedPurchase>> purchases) {
        Map<Integer, RepeatSummary> summaries = new TreeMap<>();
        purchases.forEach(
                (id, history) ->
                        RepeatSummary.of(history, CALIBRATION_END)
                                .ifPresent(s -> summaries.put(id, s)));
        return summaries;
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

    private static IllegalArgumentException malformed(Path file, int index, Exception cause) {
        return new IllegalArgumentException(
                file + " line " + (index + 1) + " is malformed: " + cause.getMessage(), cause);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    "no " + file.getFileName() + " in " + file.toAbsolutePath().getParent(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Whether a fitted parameter equals a published one to 2 significant digits, the benchmark's
     * criterion: they differ by at most half a unit in the published value's second significant
     * digit (0.005 for 0.2426, 0.05 for 6.25). Rounding both to 2 digits is not used: 6.249 and
     * 6.25 would round apart.
     */
    public static boolean agreeTo2SignificantDigits(double fitted, double published) {
        if (!Double.isFinite(fitted) || !Double.isFinite(published) || published == 0) {
            return fitted == published;
        }
        double secondDigit = Math.pow(10, Math.floor(Math.log10(Math.abs(published))) - 1);
        return Math.abs(fitted - published) <= secondDigit / 2 * (1 + 1e-12);
    }
}
