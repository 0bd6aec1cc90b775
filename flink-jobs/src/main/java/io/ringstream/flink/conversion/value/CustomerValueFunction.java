package io.ringstream.flink.conversion.value;

import io.ringstream.customers.value.CustomerValueDay;
import io.ringstream.customers.value.PurchaseHistory;
import io.ringstream.customers.value.TenantCustomerValues;
import io.ringstream.customers.value.rfm.RfmSegmentTable;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value operator, keyed by tenant: keeps the tenant's customers' purchases by day, rescores RFM
 * and CLV {@code rescoreDelay} after bookings arrive and refits BG/NBD and Gamma-Gamma on a
 * schedule, writing a {@code customer_value} row only for customers whose row changed, and after
 * each rescoring the tenant's day summary ({@link #DAYS}, {@link CustomerValueDay}) over every
 * customer's last written row. The rules are in {@link TenantCustomerValues}; this is the glue
 * around them.
 *
 * <p>State lifetime. {@code customers} (customer id → {@link PurchaseHistory#toBytes()}: purchase
 * days, amounts, the last row's version, digest and dashboard figures, the segment history of the
 * last 365 days) lives while the customer has bookings; an erasure removes the entry, a merge moves
 * it into the survivor's. {@code tenant} ({@link TenantValueState}) lives as long as the tenant has
 * customers and is cleared with the last one. One processing-time timer at a time: the rescoring
 * after a change, or the next refit when bookings came since the last one.
 */
public class CustomerValueFunction
        extends KeyedCoProcessFunction<String, BusinessEvent, CustomerChange, CustomerValueRow> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerValueFunction.class);
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** One row per tenant refit. */
    public static final OutputTag<CustomerValueFitRow> FITS =
            new OutputTag<>("customer-value-fits", TypeInformation.of(CustomerValueFitRow.class));

    /** One row per rescoring: the tenant's customers as of its as-of day, summed. */
    public static final OutputTag<CustomerValueDayRow> DAYS =
            new OutputTag<>("customer-value-days", TypeInformation.of(CustomerValueDayRow.class));

    private static final int LONGEST_MOVEMENT =
            CustomerValueDay.MOVEMENT_DAYS.stream().mapToInt(Integer::intValue).max().orElse(0);

    private final long rescoreDelay;
    private final long refitInterval;
    private final String segmentText;

    private transient MapState<String, byte[]> customers;
    private transient ValueState<TenantValueState> tenant;
    private transient RfmSegmentTable segments;
    private transient Counter ignoredBookings;
    private transient Counter refusedFits;

    /**
     * @param segmentText the RFM segment table's text; null for {@link RfmSegmentTable#DEFAULT}
     */
    public CustomerValueFunction(
            Duration rescoreDelay, Duration refitInterval, String segmentText) {
        this.rescoreDelay = rescoreDelay.toMillis();
        this.refitInterval = refitInterval.toMillis();
        this.segmentText = segmentText;
        segments(); // a malformed table fails the job's construction, not a running task
    }

    /** Customer id → {@link PurchaseHistory#toBytes()}: explicit bytes, no Kryo. */
    static MapStateDescriptor<String, byte[]> customersDescriptor() {
        return new MapStateDescriptor<>(
                "customer-purchases",
                Types.STRING,
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    static ValueStateDescriptor<TenantValueState> tenantDescriptor() {
        return new ValueStateDescriptor<>(
                "tenant-value", TypeInformation.of(TenantValueState.class));
    }

    private RfmSegmentTable segments() {
        return segmentText == null ? RfmSegmentTable.DEFAULT : RfmSegmentTable.parse(segmentText);
    }

    @Override
    public void open(OpenContext openContext) {
        customers = getRuntimeContext().getMapState(customersDescriptor());
        tenant = getRuntimeContext().getState(tenantDescriptor());
        segments = segments();
        ignoredBookings = getRuntimeContext().getMetricGroup().counter("ignoredBookings");
        refusedFits = getRuntimeContext().getMetricGroup().counter("refusedFits");
    }

    @Override
    public void processElement1(BusinessEvent e, Context ctx, Collector<CustomerValueRow> out)
            throws Exception {
        if (e.type() != BusinessEventType.BOOKING_MADE) {
            return; // payments are the bookings' money again; other events carry none
        }
        Currency currency = currency(e.currency());
        if (currency == null || e.amountMinor() == null || e.amountMinor() < 0) {
            ignore(e, "no usable amount and currency");
            return;
        }
        TenantValueState t = tenant.value();
        if (t == null) {
            t = new TenantValueState();
            t.currency = currency.getCurrencyCode();
        } else if (!t.currency.equals(currency.getCurrencyCode())) {
            ignore(e, "the tenant's bookings are in " + t.currency);
            return;
        }
        String id = e.customerId();
        byte[] stored = customers.get(id);
        PurchaseHistory h =
                stored == null ? PurchaseHistory.empty() : PurchaseHistory.fromBytes(stored);
        h.add(Math.floorDiv(e.eventTime(), MILLIS_PER_DAY), e.amountMinor());
        customers.put(id, h.toBytes());
        t.asOfMillis = Math.max(t.asOfMillis, e.eventTime());
        changed(t, ctx);
    }

    @Override
    public void processElement2(CustomerChange c, Context ctx, Collector<CustomerValueRow> out)
            throws Exception {
        TenantValueState t = tenant.value();
        if (t == null) {
            return; // the tenant has no bookings: nothing to drop or fold
        }
        byte[] stored = customers.get(c.customerId());
        if (stored == null) {
            return;
        }
        if (c.type() == CustomerChangeType.ERASED) {
            customers.remove(c.customerId());
        } else if (c.type() == CustomerChangeType.MERGED
                && c.mergedInto() != null
                && !c.mergedInto().equals(c.customerId())) {
            byte[] into = customers.get(c.mergedInto());
            PurchaseHistory survivor =
                    into == null ? PurchaseHistory.empty() : PurchaseHistory.fromBytes(into);
            survivor.absorb(PurchaseHistory.fromBytes(stored));
            customers.put(c.mergedInto(), survivor.toBytes());
            customers.remove(c.customerId());
        } else {
            return;
        }
        if (customers.isEmpty()) {
            // No customer left: the day's summary is empty, as their deleted rows would read.
            long now = ctx.timerService().currentProcessingTime();
            ctx.output(
                    DAYS,
                    CustomerValueDayRow.of(
                            ctx.getCurrentKey(),
                            t.asOfMillis,
                            CustomerValueDay.builder().build(),
                            now,
                            now));
            ctx.timerService().deleteProcessingTimeTimer(t.timerAt);
            tenant.clear();
            return;
        }
        changed(t, ctx);
    }

    /** Marks the tenant changed and makes sure a rescoring comes {@code rescoreDelay} from now. */
    private void changed(TenantValueState t, Context ctx) throws Exception {
        t.dirty = true;
        t.changedSinceFit = true;
        long due = ctx.timerService().currentProcessingTime() + rescoreDelay;
        if (t.timerAt == 0 || t.timerAt > due) {
            if (t.timerAt != 0) {
                ctx.timerService().deleteProcessingTimeTimer(t.timerAt);
            }
            t.timerAt = due;
            ctx.timerService().registerProcessingTimeTimer(due);
        }
        tenant.update(t);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerValueRow> out)
            throws Exception {
        TenantValueState t = tenant.value();
        if (t == null || t.timerAt != timestamp) {
            return; // a timer replaced by an earlier one, or the tenant's state is gone
        }
        t.timerAt = 0;
        long now = ctx.timerService().currentProcessingTime();
        String key = ctx.getCurrentKey();
        Map<String, PurchaseHistory> all = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : customers.entries()) {
            all.put(e.getKey(), PurchaseHistory.fromBytes(e.getValue()));
        }
        TenantCustomerValues values =
                new TenantCustomerValues(key, Currency.getInstance(t.currency), segments);
        LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(t.asOfMillis, MILLIS_PER_DAY));
        boolean neverTried = t.fitVersion == 0 && t.lastFitAttemptAt == 0;
        if (t.changedSinceFit && (neverTried || now - t.lastFitAttemptAt >= refitInterval)) {
            refit(key, t, values, all, asOf, now, ctx);
        }
        if (t.dirty) {
            rescore(key, t, values, all, now, out, ctx);
        }
        if (t.changedSinceFit && t.lastFitAttemptAt > 0) {
            // Bookings came since the last fit: refit when the interval has passed.
            t.timerAt = Math.max(now + 1, t.lastFitAttemptAt + refitInterval);
            ctx.timerService().registerProcessingTimeTimer(t.timerAt);
        }
        tenant.update(t);
    }

    private void refit(
            String key,
            TenantValueState t,
            TenantCustomerValues values,
            Map<String, PurchaseHistory> all,
            LocalDate asOf,
            long now,
            OnTimerContext ctx) {
        long started = System.nanoTime();
        TenantCustomerValues.Fit fit;
        try {
            fit = values.fit(all, asOf);
        } catch (TenantCustomerValues.FitRefused refused) {
            // Too few customers is the normal start of a tenant: retried at the next rescoring.
            if (refused.getCause() != null) {
                t.lastFitAttemptAt = now;
                t.changedSinceFit = false;
                refusedFits.inc();
                LOG.warn("{}; keeping fit version {}", refused.getMessage(), t.fitVersion);
            }
            return;
        }
        t.lastFitAttemptAt = now;
        t.changedSinceFit = false;
        t.fitted(fit.models());
        t.dirty = true; // every row names its fit
        ctx.output(
                FITS,
                new CustomerValueFitRow(
                        key,
                        t.fitVersion,
                        now,
                        t.asOfMillis,
                        fit.customers(),
                        fit.repeatCustomers(),
                        t.r,
                        t.alpha,
                        t.a,
                        t.b,
                        fit.bgNbd().logLikelihood(),
                        t.gammaGamma ? t.p : null,
                        t.gammaGamma ? t.q : null,
                        t.gammaGamma ? t.v : null,
                        fit.gammaGamma() == null ? null : fit.gammaGamma().logLikelihood(),
                        (System.nanoTime() - started) / 1_000_000));
    }

    private void rescore(
            String key,
            TenantValueState t,
            TenantCustomerValues values,
            Map<String, PurchaseHistory> all,
            long now,
            Collector<CustomerValueRow> out,
            OnTimerContext ctx)
            throws Exception {
        LocalDate asOf = LocalDate.ofEpochDay(Math.floorDiv(t.asOfMillis, MILLIS_PER_DAY));
        long asOfDay = asOf.toEpochDay();
        List<TenantCustomerValues.Row> rows = values.score(all, asOf, t.models());
        for (TenantCustomerValues.Row row : rows) {
            long digest = row.digest() * 31 + t.fitVersion;
            PurchaseHistory h = all.get(row.customerId());
            if (h.rowVersion() > 0 && h.rowDigest() == digest) {
                continue;
            }
            long version =
                    h.written(
                            digest,
                            asOfDay,
                            new PurchaseHistory.WrittenRow(
                                    row.segment(),
                                    row.monetaryTotal(),
                                    row.clv12m(),
                                    row.probabilityAlive(),
                                    row.expectedPurchases12m()));
            h.forgetSegmentsBefore(asOfDay - LONGEST_MOVEMENT);
            customers.put(row.customerId(), h.toBytes());
            out.collect(row(key, t, row, version, now));
        }
        // Every customer's last written row, whether written now or on an earlier day.
        CustomerValueDay.Builder day = CustomerValueDay.builder();
        for (PurchaseHistory h : all.values()) {
            h.writtenRow().ifPresent(w -> day.add(w, days -> h.segmentAt(asOfDay - days)));
        }
        ctx.output(DAYS, CustomerValueDayRow.of(key, t.asOfMillis, day.build(), now, now));
        t.dirty = false;
    }

    private static CustomerValueRow row(
            String key, TenantValueState t, TenantCustomerValues.Row r, long version, long now) {
        return new CustomerValueRow(
                key,
                r.customerId(),
                t.asOfMillis,
                r.firstPurchase().toEpochDay(),
                r.lastPurchase().toEpochDay(),
                r.purchaseDays(),
                r.summary().x(),
                r.recencyDays(),
                r.monetaryTotal(),
                r.monetaryMean(),
                t.currency,
                r.recency(),
                r.frequency(),
                r.monetary(),
                r.segment(),
                r.summary().tx(),
                r.summary().age(),
                r.summary().meanValue(),
                r.expectedPurchases12m(),
                r.probabilityAlive(),
                r.expectedPurchaseValue(),
                r.clv12m(),
                t.fitVersion,
                version,
                now);
    }

    private void ignore(BusinessEvent e, String why) {
        ignoredBookings.inc();
        LOG.warn(
                "booking {} of tenant {} not counted in customer value: {}",
                e.eventId(),
                e.tenant(),
                why);
    }

    private static Currency currency(String code) {
        if (code == null) {
            return null;
        }
        try {
            Currency c = Currency.getInstance(code);
            return c.getDefaultFractionDigits() < 0 ? null : c;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
