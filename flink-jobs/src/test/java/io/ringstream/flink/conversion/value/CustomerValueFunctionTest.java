package io.ringstream.flink.conversion.value;

import static io.ringstream.flink.conversion.value.ValueFixtures.DAY;
import static io.ringstream.flink.conversion.value.ValueFixtures.booking;
import static io.ringstream.flink.conversion.value.ValueFixtures.change;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The value operator in processing time: rows come after the rescore delay and only for customers
 * whose row changed; the first rescoring with enough customers fits the models and the refit
 * interval schedules the next; merges fold and erasures drop a customer's purchases; CDNOW bookings
 * through the operator give the published fits.
 */
class CustomerValueFunctionTest {
    private static final String T = "acme";
    private static final long T0 = 1_760_000_000_000L;
    private static final Duration RESCORE = Duration.ofSeconds(2);
    private static final Duration REFIT = Duration.ofHours(1);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, BusinessEvent, CustomerChange, CustomerValueRow>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(
                                new CustomerValueFunction(RESCORE, REFIT, null)),
                        BusinessEvent::tenant,
                        CustomerChange::tenant,
                        Types.STRING);
        harness.setProcessingTime(T0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(BusinessEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e));
    }

    private void send(CustomerChange c) throws Exception {
        harness.processElement2(new StreamRecord<>(c));
    }

    /** The rows written since the last call. */
    private List<CustomerValueRow> rows() {
        List<CustomerValueRow> out = new ArrayList<>(harness.extractOutputValues());
        harness.getOutput().clear();
        return out;
    }

    private List<CustomerValueFitRow> fits() {
        var side = harness.getSideOutput(CustomerValueFunction.FITS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private List<CustomerValueDayRow> days() {
        var side = harness.getSideOutput(CustomerValueFunction.DAYS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    private void advance(long millis) throws Exception {
        harness.setProcessingTime(harness.getProcessingTime() + millis);
    }

    private MapState<String, byte[]> customers() throws Exception {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(T);
        return backend.getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                CustomerValueFunction.customersDescriptor());
    }

    /** A few dozen customers buying every few weeks over a year, repeatable from the seed. */
    private void smallTenant(int n) throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < n; i++) {
            long day = random.nextInt(120);
            int purchases = 1 + random.nextInt(i % 3 == 0 ? 1 : 8);
            long spend = 1_000 + random.nextInt(9_000);
            for (int k = 0; k < purchases; k++) {
                send(
                        booking(
                                T,
                                "c" + i,
                                T0 - 400 * DAY + day * DAY,
                                spend + random.nextInt(2_000),
                                "EUR"));
                day += 7 + random.nextInt(40);
            }
        }
    }

    @Test
    void theStateIsStoredWithoutKryo() {
        assertThat(TypeInformation.of(TenantValueState.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(CustomerValueDayRow.class))
                .as("the day rows travel to their sink as a POJO")
                .isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void rowsComeAfterTheRescoreDelayWithSegmentsAndNoModelBeforeAFit() throws Exception {
        send(booking(T, "a", T0 - 10 * DAY, 10_000, "EUR"));
        send(booking(T, "a", T0 - 2 * DAY, 5_000, "EUR"));
        send(booking(T, "b", T0 - 5 * DAY, 2_000, "EUR"));
        send(booking(T, "c", T0, 20_050, "EUR"));
        // Payments are the bookings' money again; another currency is not counted.
        send(ValueFixtures.event(BusinessEventType.PAYMENT_COMPLETED, T, "a", T0, 5_000L, "EUR"));
        send(booking(T, "d", T0, 1_000, "USD"));
        advance(RESCORE.toMillis() - 1);
        assertThat(rows()).isEmpty();

        advance(1);

        List<CustomerValueRow> rows = rows();
        assertThat(rows)
                .extracting(CustomerValueRow::customerId)
                .containsExactlyInAnyOrder("a", "b", "c");
        CustomerValueRow a =
                rows.stream().filter(r -> r.customerId().equals("a")).findFirst().orElseThrow();
        assertThat(a.asOfMillis()).isEqualTo(T0);
        assertThat(a.purchaseDays()).isEqualTo(2);
        assertThat(a.repeatPurchases()).isEqualTo(1);
        assertThat(a.recencyDays()).isEqualTo(2);
        assertThat(a.monetaryTotal()).isEqualTo(150.0);
        assertThat(a.monetaryMean()).isEqualTo(75.0);
        assertThat(a.repeatMean()).isEqualTo(50.0);
        assertThat(a.currency()).isEqualTo("EUR");
        assertThat(a.tWeeks()).isCloseTo(10 / 7.0, within(1e-9));
        assertThat(a.segment()).isNotBlank();
        assertThat(a.rfm()).hasSize(3);
        assertThat(a.clv12m()).isNull();
        assertThat(a.fitVersion()).isZero();
        assertThat(a.version()).isEqualTo(1);
        assertThat(fits()).as("three customers are too few to fit").isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void onlyCustomersWhoseRowChangedAreWrittenAgain() throws Exception {
        send(booking(T, "a", T0 - 10 * DAY, 10_000, "EUR"));
        send(booking(T, "b", T0 - 5 * DAY, 2_000, "EUR"));
        send(booking(T, "c", T0, 20_000, "EUR"));
        advance(RESCORE.toMillis());
        assertThat(rows()).hasSize(3);

        // c buys again the same day: its total changes, nobody's scores do.
        send(booking(T, "c", T0 + 1_000, 500, "EUR"));
        advance(RESCORE.toMillis());

        assertThat(rows())
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.customerId()).isEqualTo("c");
                            assertThat(r.monetaryTotal()).isEqualTo(205.0);
                            assertThat(r.version()).isEqualTo(2);
                        });
        advance(REFIT.toMillis());
        assertThat(rows()).as("nothing changed, nothing written").isEmpty();
    }

    @Test
    void theFirstRescoringWithEnoughCustomersFitsAndTheIntervalSchedulesTheRefit()
            throws Exception {
        smallTenant(40);
        advance(RESCORE.toMillis());

        assertThat(fits())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.tenant()).isEqualTo(T);
                            assertThat(f.fitVersion()).isEqualTo(1);
                            assertThat(f.customers()).isEqualTo(40);
                            assertThat(f.repeatCustomers()).isPositive();
                            assertThat(f.p()).isNotNull();
                            assertThat(f.fittedAtMillis()).isEqualTo(T0 + RESCORE.toMillis());
                        });
        List<CustomerValueRow> first = rows();
        assertThat(first)
                .hasSize(40)
                .allSatisfy(
                        r -> {
                            assertThat(r.fitVersion()).isEqualTo(1);
                            assertThat(r.clv12m()).isNotNull().isPositive();
                            assertThat(r.probabilityAlive()).isBetween(0.0, 1.0);
                        });

        // A booking within the interval is rescored with the same fit...
        send(booking(T, "c1", T0 + 60_000, 3_000, "EUR"));
        advance(RESCORE.toMillis() + 60_000);
        assertThat(fits()).hasSize(1);
        assertThat(rows()).isNotEmpty().allSatisfy(r -> assertThat(r.fitVersion()).isEqualTo(1));
        assertThat(harness.numProcessingTimeTimers()).as("the refit is scheduled").isEqualTo(1);

        // ...and refitted once the interval has passed.
        harness.setProcessingTime(T0 + RESCORE.toMillis() + REFIT.toMillis());
        assertThat(fits()).hasSize(2);
        assertThat(fits().get(1).fitVersion()).isEqualTo(2);
        assertThat(rows()).hasSize(40).allSatisfy(r -> assertThat(r.fitVersion()).isEqualTo(2));
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aMergeFoldsTheLosersPurchasesIntoTheSurvivorAndAnErasureClearsTheCustomer()
            throws Exception {
        send(booking(T, "winner", T0 - 10 * DAY, 10_000, "EUR"));
        send(booking(T, "loser", T0 - 3 * DAY, 2_000, "EUR"));
        send(booking(T, "other", T0, 1_000, "EUR"));
        advance(RESCORE.toMillis());
        rows();

        send(change(CustomerChangeType.MERGED, T, "loser", "winner"));
        advance(RESCORE.toMillis());

        assertThat(rows())
                .filteredOn(r -> r.customerId().equals("winner"))
                .singleElement()
                .satisfies(
                        r -> {
                            assertThat(r.purchaseDays()).isEqualTo(2);
                            assertThat(r.monetaryTotal()).isEqualTo(120.0);
                            assertThat(r.version()).isEqualTo(2);
                        });
        assertThat(customers().contains("loser")).isFalse();

        send(change(CustomerChangeType.ERASED, T, "winner", null));
        advance(RESCORE.toMillis());
        assertThat(customers().contains("winner")).isFalse();
        assertThat(rows()).extracting(CustomerValueRow::customerId).doesNotContain("winner");

        // The day's summaries: the merged-away and the erased customer leave it with their
        // purchases (their old rows stay in customer_value until deleted).
        CustomerValueDayRow latest = days().get(days().size() - 1);
        assertThat(latest.customers()).isEqualTo(1);
        assertThat(latest.segmentCustomers()).containsExactly(1L);

        send(change(CustomerChangeType.ERASED, T, "other", null));
        assertThat(harness.numKeyedStateEntries()).as("the last customer took the tenant").isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        CustomerValueDayRow empty = days().get(days().size() - 1);
        assertThat(empty.customers()).as("an empty day once nobody is left").isZero();
        assertThat(empty.segments()).isEmpty();
        assertThat(empty.movementCustomers()).isEmpty();
        assertThat(empty.asOfMillis()).isEqualTo(latest.asOfMillis());
    }

    /**
     * Every rescoring's day summary equals grouping, per customer, the latest of the rows written
     * so far (what the dashboards' earlier SQL did over customer_value FINAL): customers and sums
     * per segment, P(alive) bands, and movement from each customer's latest row at or before the
     * day minus each span ({@code (new)} without one). Bookings move as_of by 1 to 40 days, so all
     * spans but a year see moves and new customers; a fit comes on the first rescoring.
     */
    @Test
    void eachDaySummaryEqualsGroupingEveryCustomersLatestWrittenRow() throws Exception {
        smallTenant(40);
        advance(RESCORE.toMillis());
        List<CustomerValueRow> written = new ArrayList<>(rows());
        long asOf = written.stream().mapToLong(CustomerValueRow::asOfMillis).max().orElseThrow();
        Random random = new Random(5);
        int compared = 0;
        for (int step : new int[] {1, 3, 5, 8, 13, 21, 40, 2, 34}) {
            asOf += step * DAY;
            for (int k = 0; k < 6; k++) {
                String customer = "c" + random.nextInt(60); // c40.. are new customers
                long late = k == 0 ? 0 : random.nextInt(3);
                send(booking(T, customer, asOf - late * DAY, 900 + k * 700, "EUR"));
            }
            advance(RESCORE.toMillis());
            written.addAll(rows());
            List<CustomerValueDayRow> days = days();
            CustomerValueDayRow day = days.get(days.size() - 1);
            assertThat(day.asOfMillis()).isEqualTo(asOf);
            assertEqualsGrouped(day, written);
            compared++;
        }
        assertThat(compared).isEqualTo(9);
        assertThat(days()).extracting(CustomerValueDayRow::version).isSorted();
    }

    /** The day row against the latest written row per customer, as the old panels' SQL took it. */
    private static void assertEqualsGrouped(CustomerValueDayRow day, List<CustomerValueRow> rows) {
        long r = Math.floorDiv(day.asOfMillis(), DAY);
        Map<String, CustomerValueRow> latest = new java.util.TreeMap<>();
        for (CustomerValueRow row : rows) {
            if (Math.floorDiv(row.asOfMillis(), DAY) <= r) {
                latest.put(row.customerId(), row); // written in order: the last is the latest
            }
        }
        assertThat(day.customers()).isEqualTo(latest.size());
        Map<String, double[]> perSegment = new java.util.TreeMap<>();
        long[] bands = new long[10];
        for (CustomerValueRow row : latest.values()) {
            double[] s = perSegment.computeIfAbsent(row.segment(), k -> new double[8]);
            s[0]++;
            s[1] += row.monetaryTotal();
            if (row.clv12m() != null) {
                s[2]++;
                s[3] += row.clv12m();
            }
            if (row.probabilityAlive() != null) {
                s[4]++;
                s[5] += row.probabilityAlive();
                bands[(int) Math.min(Math.floor(row.probabilityAlive() * 10), 9)]++;
            }
            if (row.expectedPurchases12m() != null) {
                s[6]++;
                s[7] += row.expectedPurchases12m();
            }
        }
        assertThat(day.segments()).containsExactlyElementsOf(perSegment.keySet());
        int i = 0;
        for (double[] s : perSegment.values()) {
            assertThat(day.segmentCustomers()[i]).isEqualTo((long) s[0]);
            assertThat(day.segmentMonetarySum()[i]).isCloseTo(s[1], within(1e-6));
            assertThat(day.segmentClvCustomers()[i]).isEqualTo((long) s[2]);
            assertThat(day.segmentClvSum()[i]).isCloseTo(s[3], within(1e-6));
            assertThat(day.segmentAliveCustomers()[i]).isEqualTo((long) s[4]);
            assertThat(day.segmentAliveSum()[i]).isCloseTo(s[5], within(1e-9));
            assertThat(day.segmentPurchasesCustomers()[i]).isEqualTo((long) s[6]);
            assertThat(day.segmentPurchasesSum()[i]).isCloseTo(s[7], within(1e-9));
            i++;
        }
        List<String> shownBands = new ArrayList<>();
        for (int b = 0; b < day.aliveBands().length; b++) {
            shownBands.add(day.aliveBands()[b] + ":" + day.aliveBandCustomers()[b]);
        }
        List<String> expectedBands = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            if (bands[b] > 0) {
                expectedBands.add(b + ":" + bands[b]);
            }
        }
        assertThat(shownBands).isEqualTo(expectedBands);
        for (int span : io.ringstream.customers.value.CustomerValueDay.MOVEMENT_DAYS) {
            Map<String, Long> expected = new java.util.TreeMap<>();
            for (CustomerValueRow now : latest.values()) {
                String from = "(new)";
                for (CustomerValueRow row : rows) {
                    if (row.customerId().equals(now.customerId())
                            && Math.floorDiv(row.asOfMillis(), DAY) <= r - span) {
                        from = row.segment();
                    }
                }
                expected.merge(from + " -> " + now.segment(), 1L, Long::sum);
            }
            Map<String, Long> shown = new java.util.TreeMap<>();
            for (int m = 0; m < day.movementDays().length; m++) {
                if (day.movementDays()[m] == span) {
                    shown.put(
                            day.movementFrom()[m] + " -> " + day.movementTo()[m],
                            day.movementCustomers()[m]);
                }
            }
            assertThat(shown).as("movement over %d days", span).isEqualTo(expected);
        }
    }

    @Test
    void cdnowBookingsThroughTheOperatorGiveThePublishedFits() throws Exception {
        Path dir = Path.of("..", "customers", "src", "test", "resources", "cdnow");
        long count = 0;
        for (var e : Cdnow.purchases(dir).entrySet()) {
            for (var p : e.getValue()) {
                if (p.date().isAfter(Cdnow.CALIBRATION_END)) {
                    continue;
                }
                long at = p.date().atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
                send(booking(T, "cdnow-" + e.getKey(), at, Math.round(p.amount() * 100), "USD"));
                count++;
            }
        }
        assertThat(count).isPositive();
        advance(RESCORE.toMillis());

        CustomerValueFitRow fit = fits().get(0);
        assertThat(fit.customers()).isEqualTo(2357);
        assertThat(fit.repeatCustomers()).isEqualTo(946);
        assertThat(LocalDate.ofEpochDay(Math.floorDiv(fit.asOfMillis(), DAY)))
                .isEqualTo(Cdnow.CALIBRATION_END);
        BgNbdParameters b = Cdnow.PUBLISHED_BG_NBD;
        GammaGammaParameters g = Cdnow.PUBLISHED_GAMMA_GAMMA;
        assertTwoDigits(fit.r(), b.r());
        assertTwoDigits(fit.alpha(), b.alpha());
        assertTwoDigits(fit.a(), b.a());
        assertTwoDigits(fit.b(), b.b());
        assertTwoDigits(fit.p(), g.p());
        assertTwoDigits(fit.q(), g.q());
        assertTwoDigits(fit.v(), g.v());
        List<CustomerValueRow> rows = rows();
        assertThat(rows).hasSize(2357);

        // The operator's summaries are the reader's.
        var reader = Cdnow.calibrationSummaries(Cdnow.purchases(dir));
        Map<String, CustomerValueRow> byId = new java.util.HashMap<>();
        rows.forEach(r -> byId.put(r.customerId(), r));
        reader.forEach(
                (id, s) -> {
                    CustomerValueRow r = byId.get("cdnow-" + id);
                    assertThat(r.repeatPurchases()).isEqualTo(s.x());
                    assertThat(r.txWeeks()).isEqualTo(s.tx());
                    assertThat(r.tWeeks()).isEqualTo(s.age());
                    assertThat(r.repeatMean()).isCloseTo(s.meanValue(), within(1e-9));
                });
    }

    private static void assertTwoDigits(double fitted, double published) {
        double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(published))) - 1);
        assertThat(fitted).isCloseTo(published, within(unit / 2));
    }
}
