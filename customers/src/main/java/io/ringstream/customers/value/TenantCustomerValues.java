package io.ringstream.customers.value;

import io.ringstream.customers.model.CustomerId;
import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.gammagamma.GammaGammaModel;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import io.ringstream.customers.value.rfm.RfmInput;
import io.ringstream.customers.value.rfm.RfmScore;
import io.ringstream.customers.value.rfm.RfmScorer;
import io.ringstream.customers.value.rfm.RfmScoring;
import io.ringstream.customers.value.rfm.RfmSegmentTable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One tenant's customer value from its customers' {@link PurchaseHistory}: the refit of BG/NBD and
 * Gamma-Gamma, and each customer's RFM scores, segment and 12-month value as of a day. This is the
 * domain logic of the conversion job's value operator, kept here so it is tested without Flink and
 * gives the same numbers in a job, a batch or a test.
 *
 * <p>Stateless: the caller holds the histories and the current models.
 */
public final class TenantCustomerValues {

    /** BG/NBD is not fitted on fewer customers: four parameters from a handful mean nothing. */
    public static final int MIN_FIT_CUSTOMERS = 10;

    /**
     * BG/NBD is not fitted with fewer customers who bought again: without repeat purchases the
     * purchase rate and the drop-out are not identified, and the optimiser wanders off to
     * meaningless values (r in the billions) that would forecast nonsense.
     */
    public static final int MIN_FIT_REPEAT_CUSTOMERS = 5;

    /** Gamma-Gamma is left out (its outputs null) with fewer customers with a repeat purchase. */
    public static final int MIN_GAMMA_GAMMA_CUSTOMERS = 5;

    private final String tenant;
    private final Currency currency;
    private final RfmSegmentTable segments;

    /**
     * @param currency the one currency of the tenant's amounts, minor units by its digits
     */
    public TenantCustomerValues(String tenant, Currency currency, RfmSegmentTable segments) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.segments = Objects.requireNonNull(segments, "segments");
    }

    /** The models a tenant's customers are scored with; {@code gammaGamma} may be null. */
    public record Models(BgNbdParameters bgNbd, GammaGammaParameters gammaGamma) {
        public Models {
            Objects.requireNonNull(bgNbd, "bgNbd");
        }
    }

    /**
     * A refit.
     *
     * @param gammaGamma null when fewer than {@link #MIN_GAMMA_GAMMA_CUSTOMERS} had a repeat
     *     purchase with a positive value
     * @param customers BG/NBD's customers: every customer with a purchase by the as-of day
     * @param repeatCustomers Gamma-Gamma's: those with x ≥ 1 and a positive mean repeat value
     */
    public record Fit(
            BgNbdModel.Fit bgNbd,
            GammaGammaModel.Fit gammaGamma,
            int customers,
            int repeatCustomers) {
        public Models models() {
            return new Models(
                    bgNbd.parameters(), gammaGamma == null ? null : gammaGamma.parameters());
        }
    }

    /** A fit was not made: too few customers, or the optimiser did not give usable parameters. */
    public static final class FitRefused extends Exception {
        private static final long serialVersionUID = 1L;

        public FitRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One customer's row: RFM, the summary and, with models, the expected values.
     *
     * @param recencyDays days from the last purchase to the as-of day
     * @param monetaryTotal all purchases, major units
     * @param monetaryMean the mean per purchase day, major units
     * @param expectedPurchases12m BG/NBD E[Y(52)]; null without models or when it cannot be
     *     computed
     * @param expectedPurchaseValue Gamma-Gamma E[Z]; null without a Gamma-Gamma fit
     * @param clv12m expected 12-month value, undiscounted; null unless both are known
     */
    public record Row(
            String customerId,
            LocalDate firstPurchase,
            LocalDate lastPurchase,
            int purchaseDays,
            int recencyDays,
            double monetaryTotal,
            double monetaryMean,
            int recency,
            int frequency,
            int monetary,
            String segment,
            RepeatSummary summary,
            Double expectedPurchases12m,
            Double probabilityAlive,
            Double expectedPurchaseValue,
            Double clv12m) {

        /**
         * What a reader sees of the row, rounded as it is read (money to cents, probabilities and
         * counts to 3 decimals), without what moves every day for everyone (the as-of day, recency
         * in days, T): two rows with the same digest need not both be written.
         */
        public long digest() {
            String text =
                    String.join(
                            "|",
                            customerId,
                            firstPurchase.toString(),
                            lastPurchase.toString(),
                            Integer.toString(purchaseDays),
                            round(monetaryTotal, 100),
                            "" + recency + frequency + monetary,
                            segment,
                            Integer.toString(summary.x()),
                            round(expectedPurchases12m, 1000),
                            round(probabilityAlive, 1000),
                            round(expectedPurchaseValue, 100),
                            round(clv12m, 100));
            long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                h ^= b & 0xff;
                h *= 0x100000001b3L;
            }
            return h;
        }

        private static String round(Double v, int scale) {
            return v == null ? "-" : Long.toString(Math.round(v * scale));
        }
    }

    /** Each customer's summary at {@code asOf}, for those with a purchase by then. */
    public Map<String, RepeatSummary> summaries(
            Map<String, PurchaseHistory> customers, LocalDate asOf) {
        int digits = digits();
        Map<String, RepeatSummary> out = new LinkedHashMap<>();
        customers.forEach((id, h) -> h.summary(asOf, digits).ifPresent(s -> out.put(id, s)));
        return out;
    }

    /**
     * Fits BG/NBD on every customer's summary at {@code asOf} and Gamma-Gamma on those with a
     * repeat purchase of positive value.
     *
     * @throws FitRefused with fewer than {@link #MIN_FIT_CUSTOMERS}, or fewer than {@link
     *     #MIN_FIT_REPEAT_CUSTOMERS} who bought again, or when an optimiser fails or ends at
     *     parameters the forecasts cannot use (non-finite, BG/NBD's a = 1)
     */
    public Fit fit(Map<String, PurchaseHistory> customers, LocalDate asOf) throws FitRefused {
        List<RepeatSummary> all = new ArrayList<>(summaries(customers, asOf).values());
        if (all.size() < MIN_FIT_CUSTOMERS) {
            throw new FitRefused(
                    "tenant "
                            + tenant
                            + " has "
                            + all.size()
                            + " customers with purchases; BG/NBD needs "
                            + MIN_FIT_CUSTOMERS,
                    null);
        }
        long buyingAgain = all.stream().filter(s -> s.x() >= 1).count();
        if (buyingAgain < MIN_FIT_REPEAT_CUSTOMERS) {
            throw new FitRefused(
                    "tenant "
                            + tenant
                            + " has "
                            + buyingAgain
                            + " customers with a repeat purchase; BG/NBD needs "
                            + MIN_FIT_REPEAT_CUSTOMERS,
                    null);
        }
        List<RepeatSummary> repeat =
                all.stream().filter(s -> s.x() >= 1 && s.meanValue() > 0).toList();
        BgNbdModel.Fit bgNbd;
        GammaGammaModel.Fit gammaGamma = null;
        try {
            bgNbd = BgNbdModel.fit(all);
            BgNbdParameters p = bgNbd.parameters();
            if (!Double.isFinite(bgNbd.logLikelihood()) || p.a() == 1) {
                throw new IllegalStateException("unusable BG/NBD parameters " + p);
            }
            if (repeat.size() >= MIN_GAMMA_GAMMA_CUSTOMERS) {
                gammaGamma = GammaGammaModel.fit(repeat);
                if (!Double.isFinite(gammaGamma.logLikelihood())) {
                    throw new IllegalStateException(
                            "unusable Gamma-Gamma parameters " + gammaGamma.parameters());
                }
            }
        } catch (RuntimeException e) {
            throw new FitRefused("tenant " + tenant + ": the fit failed: " + e.getMessage(), e);
        }
        return new Fit(bgNbd, gammaGamma, all.size(), repeat.size());
    }

    /**
     * Scores every customer with a purchase by {@code asOf}, in the map's order.
     *
     * @param models null before the tenant's first fit: the model outputs are null
     */
    public List<Row> score(Map<String, PurchaseHistory> customers, LocalDate asOf, Models models) {
        int digits = digits();
        List<String> ids = new ArrayList<>();
        List<PurchaseHistory> histories = new ArrayList<>();
        List<RepeatSummary> summaries = new ArrayList<>();
        List<RfmInput> inputs = new ArrayList<>();
        for (Map.Entry<String, PurchaseHistory> e : customers.entrySet()) {
            PurchaseHistory h = e.getValue();
            var summary = h.summary(asOf, digits);
            if (summary.isEmpty()) {
                continue;
            }
            // Scored on synthetic ids: a tenant's customer ids need not be UUIDs here.
            CustomerId synthetic = new CustomerId(new UUID(0, inputs.size()));
            ids.add(e.getKey());
            histories.add(h);
            summaries.add(summary.get());
            inputs.add(
                    new RfmInput(
                            tenant,
                            synthetic,
                            h.lastDay().atStartOfDay(ZoneOffset.UTC).toInstant(),
                            h.purchaseDays(),
                            h.totalMinor(),
                            currency));
        }
        RfmScoring scoring = RfmScorer.score(tenant, inputs);
        BgNbdModel purchases = models == null ? null : new BgNbdModel(models.bgNbd());
        GammaGammaModel spend =
                models == null || models.gammaGamma() == null
                        ? null
                        : new GammaGammaModel(models.gammaGamma());
        List<Row> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            PurchaseHistory h = histories.get(i);
            RepeatSummary s = summaries.get(i);
            RfmScore score = scoring.scores().get(i);
            double total = PurchaseHistory.major(h.totalMinor(), digits);
            Double expected =
                    purchases == null
                            ? null
                            : finite(
                                    () ->
                                            purchases.expectedPurchases(
                                                    s, CustomerValue.WEEKS_PER_YEAR));
            Double alive = purchases == null ? null : finite(() -> purchases.probabilityAlive(s));
            Double value = spend == null ? null : finite(() -> spend.expectedValue(s));
            Double clv = expected == null || value == null ? null : expected * value;
            rows.add(
                    new Row(
                            ids.get(i),
                            h.firstDay(),
                            h.lastDay(),
                            h.purchaseDays(),
                            (int) ChronoUnit.DAYS.between(h.lastDay(), asOf),
                            total,
                            total / h.purchaseDays(),
                            score.recency(),
                            score.frequency(),
                            score.monetary(),
                            segments.segmentOf(score),
                            s,
                            expected,
                            alive,
                            value,
                            clv));
        }
        return rows;
    }

    /** A model output, or null where the model cannot give one for this customer. */
    private static Double finite(java.util.function.DoubleSupplier f) {
        try {
            double v = f.getAsDouble();
            return Double.isFinite(v) ? v : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private int digits() {
        return Math.max(currency.getDefaultFractionDigits(), 0);
    }
}
