package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import io.ringstream.customers.value.rfm.RfmSegmentTable;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tenant's customer value from purchase histories as the job keeps them (minor units by day):
 * CDNOW through them gives the reader's summaries and the published fits; rows carry RFM and, with
 * models, the 12-month value.
 */
class TenantCustomerValuesTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final TenantCustomerValues VALUES =
            new TenantCustomerValues("acme", USD, RfmSegmentTable.DEFAULT);

    /** The CDNOW calibration purchases as bookings in cents, one history per customer. */
    static Map<String, PurchaseHistory> cdnowHistories() {
        Map<String, PurchaseHistory> out = new LinkedHashMap<>();
        CdnowTestData.purchases()
                .forEach(
                        (id, purchases) ->
                                purchases.stream()
                                        .filter(p -> !p.date().isAfter(Cdnow.CALIBRATION_END))
                                        .forEach(
                                                p ->
                                                        out.computeIfAbsent(
                                                                        "cdnow-" + id,
                                                                        k ->
                                                                                PurchaseHistory
                                                                                        .empty())
                                                                .add(
                                                                        p.date().toEpochDay(),
                                                                        Math.round(
                                                                                p.amount()
                                                                                        * 100))));
        return out;
    }

    @Test
    void cdnowBookingsByDayGiveTheReadersSummaries() {
        Map<String, PurchaseHistory> histories = cdnowHistories();
        LocalDate asOf =
                histories.values().stream()
                        .map(PurchaseHistory::lastDay)
                        .max(LocalDate::compareTo)
                        .orElseThrow();
        assertThat(asOf).as("the latest calibration booking day").isEqualTo(Cdnow.CALIBRATION_END);

        Map<String, RepeatSummary> ours = VALUES.summaries(histories, asOf);
        Map<Integer, RepeatSummary> reader = Cdnow.calibrationSummaries(CdnowTestData.purchases());

        assertThat(ours).hasSize(reader.size()).hasSize(2357);
        reader.forEach(
                (id, expected) -> {
                    RepeatSummary s = ours.get("cdnow-" + id);
                    assertThat(s.x()).isEqualTo(expected.x());
                    assertThat(s.tx()).isEqualTo(expected.tx());
                    assertThat(s.age()).isEqualTo(expected.age());
                    assertThat(s.meanValue()).isCloseTo(expected.meanValue(), within(1e-9));
                });
    }

    @Test
    void cdnowFitReproducesThePublishedParametersToTwoSignificantDigits() throws Exception {
        TenantCustomerValues.Fit fit = VALUES.fit(cdnowHistories(), Cdnow.CALIBRATION_END);

        BgNbdParameters b = fit.bgNbd().parameters();
        BgNbdParameters pb = Cdnow.PUBLISHED_BG_NBD;
        GammaGammaParameters g = fit.gammaGamma().parameters();
        GammaGammaParameters pg = Cdnow.PUBLISHED_GAMMA_GAMMA;
        assertTwoDigits(b.r(), pb.r());
        assertTwoDigits(b.alpha(), pb.alpha());
        assertTwoDigits(b.a(), pb.a());
        assertTwoDigits(b.b(), pb.b());
        assertTwoDigits(g.p(), pg.p());
        assertTwoDigits(g.q(), pg.q());
        assertTwoDigits(g.v(), pg.v());
        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(fit.repeatCustomers()).isEqualTo(946);
    }

    /** At most half a unit in the published value's second significant digit. */
    static void assertTwoDigits(double fitted, double published) {
        assertThat(Cdnow.agreeTo2SignificantDigits(fitted, published))
                .as("%s is %s to 2 significant digits", fitted, published)
                .isTrue();
    }

    @Test
    void rowsCarryRfmAndWithModelsTheTwelveMonthValue() {
        Map<String, PurchaseHistory> histories = cdnowHistories();
        TenantCustomerValues.Models models =
                new TenantCustomerValues.Models(
                        Cdnow.PUBLISHED_BG_NBD, Cdnow.PUBLISHED_GAMMA_GAMMA);

        List<TenantCustomerValues.Row> without =
                VALUES.score(histories, Cdnow.CALIBRATION_END, null);
        List<TenantCustomerValues.Row> with =
                VALUES.score(histories, Cdnow.CALIBRATION_END, models);

        assertThat(with).hasSize(2357);
        assertThat(without).allSatisfy(r -> assertThat(r.clv12m()).isNull());
        TenantCustomerValues.Row r = with.get(0);
        assertThat(r.customerId()).isEqualTo("cdnow-1");
        assertThat(r.segment())
                .isEqualTo(
                        RfmSegmentTable.DEFAULT.segmentOf(
                                r.recency(), r.frequency(), r.monetary()));
        CustomerValue value =
                new CustomerValue(
                        new io.ringstream.customers.value.bgnbd.BgNbdModel(Cdnow.PUBLISHED_BG_NBD),
                        new io.ringstream.customers.value.gammagamma.GammaGammaModel(
                                Cdnow.PUBLISHED_GAMMA_GAMMA));
        assertThat(r.clv12m()).isCloseTo(value.expected12Months(r.summary()), within(1e-9));
        assertThat(r.recencyDays())
                .isEqualTo(Cdnow.CALIBRATION_END.toEpochDay() - r.lastPurchase().toEpochDay());
        assertThat(with.stream().map(TenantCustomerValues.Row::digest).distinct().count())
                .as("digests tell customers apart")
                .isEqualTo(2357);
        assertThat(without.get(0).digest()).isNotEqualTo(r.digest());
        assertThat(VALUES.score(histories, Cdnow.CALIBRATION_END, models).get(0).digest())
                .as("the same row, the same digest")
                .isEqualTo(r.digest());
    }

    @Test
    void tooFewCustomersAreNotFitted() {
        Map<String, PurchaseHistory> few = new LinkedHashMap<>();
        for (int i = 0; i < TenantCustomerValues.MIN_FIT_CUSTOMERS - 1; i++) {
            few.put("c" + i, PurchaseHistory.empty().add(20_000 + i, 1_000));
        }
        assertThatThrownBy(() -> VALUES.fit(few, LocalDate.ofEpochDay(20_100)))
                .isInstanceOf(TenantCustomerValues.FitRefused.class)
                .hasMessageContaining("BG/NBD needs " + TenantCustomerValues.MIN_FIT_CUSTOMERS);
    }

    @Test
    void customersWhoNeverBoughtAgainAreNotFitted() {
        Map<String, PurchaseHistory> once = new LinkedHashMap<>();
        for (int i = 0; i < 3 * TenantCustomerValues.MIN_FIT_CUSTOMERS; i++) {
            PurchaseHistory h = PurchaseHistory.empty().add(20_000 + i, 1_000);
            once.put(
                    "c" + i,
                    i < TenantCustomerValues.MIN_FIT_REPEAT_CUSTOMERS - 1
                            ? h.add(20_050 + i, 900)
                            : h);
        }
        assertThatThrownBy(() -> VALUES.fit(once, LocalDate.ofEpochDay(20_100)))
                .isInstanceOf(TenantCustomerValues.FitRefused.class)
                .hasMessageContaining(
                        (TenantCustomerValues.MIN_FIT_REPEAT_CUSTOMERS - 1)
                                + " customers with a repeat purchase");
    }

    @Test
    void aSmallTenantWithRepeatBuyersIsFittedAndValued() throws Exception {
        Map<String, PurchaseHistory> histories = SmallTenant.histories(40, 20_000);
        LocalDate asOf = LocalDate.ofEpochDay(SmallTenant.lastDay(histories));

        TenantCustomerValues.Fit fit = VALUES.fit(histories, asOf);
        List<TenantCustomerValues.Row> rows = VALUES.score(histories, asOf, fit.models());

        assertThat(fit.gammaGamma()).isNotNull();
        assertThat(rows)
                .hasSize(40)
                .allSatisfy(r -> assertThat(r.clv12m()).isNotNull().isPositive());
    }
}
