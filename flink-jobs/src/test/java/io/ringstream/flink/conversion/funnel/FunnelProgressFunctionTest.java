package io.ringstream.flink.conversion.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The funnel progress operator: rows from in-order and out-of-order steps, too-late events,
 * definitions published and withdrawn at run time, erasure, and state gone after the window.
 */
class FunnelProgressFunctionTest {
    private static final String TENANT = "acme";
    private static final String CUSTOMER = "cust-1";
    private static final long T0 = 1_709_251_200_000L;
    private static final long MIN = 60_000;
    private static final long H = 60 * MIN;
    private static final Duration LATENESS = Duration.ofHours(1);
    private static final AtomicInteger IDS = new AtomicInteger();

    private KeyedBroadcastOperatorTestHarness<
                    String, FunnelInput, FunnelDefinition, FunnelProgressRow>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, FunnelInput, FunnelDefinition, FunnelProgressRow>
            newHarness() throws Exception {
        KeyedBroadcastOperatorTestHarness<String, FunnelInput, FunnelDefinition, FunnelProgressRow>
                h =
                        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                                new FunnelProgressFunction(LATENESS),
                                FunnelInput::key,
                                Types.STRING,
                                FunnelProgressFunction.DEFINITIONS);
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static BusinessEvent business(
            BusinessEventType type, String stage, long time, Map<String, String> attributes) {
        boolean money =
                type == BusinessEventType.BOOKING_MADE
                        || type == BusinessEventType.PAYMENT_COMPLETED;
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                String.format("b-%04d", IDS.incrementAndGet()),
                type,
                TENANT,
                CUSTOMER,
                null,
                time,
                "test",
                "lead-1",
                stage,
                money ? 1000L : null,
                money ? "EUR" : null,
                attributes);
    }

    private static BusinessEvent lead(long time) {
        return business(BusinessEventType.LEAD_CREATED, null, time, Map.of("campaign", "spring"));
    }

    private static BusinessEvent stage(String stage, long time) {
        return business(BusinessEventType.STAGE_CHANGED, stage, time, Map.of());
    }

    private static ContactEvent answered(String contactId, long time) {
        return ContactEvent.builder(ContactEventType.ANSWERED, contactId)
                .eventId("c-" + IDS.incrementAndGet())
                .tenant(TENANT)
                .channel(Channel.VOICE)
                .eventTime(time)
                .source("test")
                .queue("sales")
                .agentId("agent-7")
                .customerId(CUSTOMER)
                .waitMillis(1000L)
                .build();
    }

    private static CustomerChange erased(long time) {
        return new CustomerChange(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                "erase-1",
                CustomerChangeType.ERASED,
                TENANT,
                CUSTOMER,
                time,
                "test",
                3,
                null,
                null,
                null,
                null,
                Map.of(),
                List.of(),
                Map.of(),
                List.of(),
                null,
                "admin",
                T0);
    }

    /** Answered calls, then quoted: a one-step-after-another funnel on contact and stage. */
    private static FunnelDefinition support(boolean active) {
        return new FunnelDefinition(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                "funnel-support-" + active,
                TENANT,
                T0,
                "admin",
                "support",
                "Support",
                List.of(
                        Step.contact("answered", ContactEventType.ANSWERED),
                        Step.stage("quoted", "QUOTED")),
                Duration.ofDays(7).toMillis(),
                OrderMode.ORDERED,
                Attribution.LAST_TOUCH,
                active);
    }

    private void send(RingstreamEvent e) throws Exception {
        send(harness, e);
    }

    private static void send(
            KeyedBroadcastOperatorTestHarness<
                            String, FunnelInput, FunnelDefinition, FunnelProgressRow>
                    h,
            RingstreamEvent e)
            throws Exception {
        FunnelInput in =
                e instanceof BusinessEvent b
                        ? FunnelInput.of(b)
                        : e instanceof ContactEvent c
                                ? FunnelInput.of(c)
                                : FunnelInput.of((CustomerChange) e);
        h.processElement(in, e.eventTime());
    }

    /** Keyed state entries left (the broadcast harness has no such count of its own). */
    private int keyedStateEntries() {
        var backend =
                ((org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>)
                                harness.getOperator())
                        .getKeyedStateBackend();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) backend)
                .numKeyValueStateEntries();
    }

    private List<FunnelProgressRow> rows() {
        return harness.extractOutputValues();
    }

    /** The row standing per (funnel, episode): the newest version, as ReplacingMergeTree keeps. */
    private static Map<String, FunnelProgressRow> standing(List<FunnelProgressRow> rows) {
        Map<String, FunnelProgressRow> out = new TreeMap<>();
        rows.stream()
                .sorted(Comparator.comparingLong(FunnelProgressRow::version))
                .forEach(r -> out.put(r.funnelId() + "@" + r.episodeStartMillis(), r));
        return out;
    }

    private static Map<String, List<Object>> content(Map<String, FunnelProgressRow> rows) {
        return rows.entrySet().stream()
                .collect(
                        Collectors.toMap(
                                Map.Entry::getKey,
                                e -> {
                                    FunnelProgressRow r = e.getValue();
                                    return List.of(
                                            r.stepsReached(),
                                            r.windowStartMillis(),
                                            r.stepNames(),
                                            r.stepTimesMillis(),
                                            r.stepEventIds(),
                                            r.campaign(),
                                            r.creditedAgentId(),
                                            r.creditedContactId());
                                }));
    }

    @Test
    void stepsInOrderEmitAProgressRowEachAndAnEpisodeForTheStats() throws Exception {
        send(answered("k-1", T0 - MIN));
        send(lead(T0));
        send(answered("k-2", T0 + MIN)); // the default funnel's "contacted": a handled contact
        send(stage("QUOTED", T0 + 2 * MIN));

        assertThat(rows())
                .extracting(
                        FunnelProgressRow::funnelId,
                        FunnelProgressRow::stepsReached,
                        FunnelProgressRow::furthestStep,
                        FunnelProgressRow::version)
                .containsExactly(
                        tuple("sales", 1, "lead created", 1L),
                        tuple("sales", 2, "contacted", 2L),
                        tuple("sales", 3, "quoted", 3L));
        FunnelProgressRow last = rows().get(2);
        assertThat(last.episodeStartMillis()).isEqualTo(T0);
        assertThat(last.stepTimesMillis()).containsExactly(T0, T0 + MIN, T0 + 2 * MIN);
        assertThat(last.campaign()).isEqualTo("spring");
        assertThat(last.attribution()).isEqualTo("LAST_TOUCH");
        assertThat(last.creditedContactId()).as("the last touch before quoted").isEqualTo("k-2");
        assertThat(last.creditedAgentId()).isEqualTo("agent-7");
        assertThat(last.creditedChannel()).isEqualTo("VOICE");
        assertThat(last.stepCount()).isEqualTo(5);
        assertThat(harness.getSideOutput(FunnelProgressFunction.EPISODES))
                .extracting(
                        r -> r.getValue().stepsReached(),
                        r -> r.getValue().agentId(),
                        r -> r.getValue().retracted())
                .containsExactly(
                        tuple(1, "agent-7", false),
                        tuple(2, "agent-7", false),
                        tuple(3, "agent-7", false));
    }

    @Test
    void anOutOfOrderStepWithinTheLatenessEndsWhereInOrderDeliveryDoes() throws Exception {
        List<RingstreamEvent> events =
                List.of(
                        answered("k-1", T0 - MIN),
                        lead(T0),
                        answered("k-2", T0 + MIN),
                        stage("QUOTED", T0 + 2 * MIN),
                        business(BusinessEventType.BOOKING_MADE, null, T0 + 30 * MIN, Map.of()));
        for (RingstreamEvent e : events) {
            send(e);
        }
        Map<String, List<Object>> inOrder = content(standing(rows()));

        var shuffled = newHarness();
        try {
            for (int i : new int[] {4, 1, 3, 0, 2}) {
                send(shuffled, events.get(i));
            }
            List<FunnelProgressRow> rows = shuffled.extractOutputValues();
            assertThat(content(standing(rows))).isEqualTo(inOrder);
            assertThat(inOrder.values()).extracting(v -> v.get(0)).containsExactly(4);
            assertThat(rows).extracting(FunnelProgressRow::version).doesNotHaveDuplicates();
            assertThat(shuffled.getSideOutput(FunnelProgressFunction.LATE_EVENTS)).isNull();
        } finally {
            shuffled.close();
        }
    }

    @Test
    void anEarlierLeadMovesTheEpisodeAndRetractsTheOneItReplaces() throws Exception {
        send(lead(T0 + 10 * MIN));
        send(lead(T0));

        assertThat(rows())
                .extracting(
                        FunnelProgressRow::episodeStartMillis,
                        FunnelProgressRow::stepsReached,
                        FunnelProgressRow::version)
                .containsExactlyInAnyOrder(
                        tuple(T0 + 10 * MIN, 1, 1L), tuple(T0, 1, 2L), tuple(T0 + 10 * MIN, 0, 3L));
        assertThat(harness.getSideOutput(FunnelProgressFunction.EPISODES))
                .filteredOn(r -> r.getValue().retracted())
                .extracting(r -> r.getValue().episodeStartMillis())
                .containsExactly(T0 + 10 * MIN);
    }

    @Test
    void anEventOlderThanTheLatenessGoesToLateEventsAndChangesNothing() throws Exception {
        send(lead(T0 + 2 * H));
        BusinessEvent tooLate = stage("QUOTED", T0 + 30 * MIN);
        send(tooLate);

        assertThat(rows()).hasSize(1);
        assertThat(harness.getSideOutput(FunnelProgressFunction.LATE_EVENTS))
                .extracting(StreamRecord::getValue)
                .containsExactly(FunnelInput.of(tooLate));
    }

    @Test
    void aFunnelPublishedAtRunTimeIsTrackedAndAWithdrawnOneStops() throws Exception {
        send(answered("k-1", T0));
        assertThat(rows()).isEmpty();

        harness.processBroadcastElement(support(true), T0);
        send(stage("QUOTED", T0 + MIN));
        assertThat(rows())
                .extracting(FunnelProgressRow::funnelId, FunnelProgressRow::stepsReached)
                .containsExactly(tuple("support", 1), tuple("support", 2));

        harness.processBroadcastElement(support(false), T0 + 2 * MIN);
        send(answered("k-2", T0 + 3 * MIN));
        send(stage("QUOTED", T0 + 4 * MIN));
        assertThat(rows()).extracting(FunnelProgressRow::funnelId).containsOnly("support");
        assertThat(rows()).hasSize(2);
    }

    @Test
    void aPublishedSalesFunnelReplacesTheDefault() throws Exception {
        FunnelDefinition mine =
                FunnelDefinition.of(
                        "funnel-sales-2",
                        TENANT,
                        T0,
                        "admin",
                        "sales",
                        "Sales (quotes)",
                        List.of(Step.stage("quoted", "QUOTED")),
                        Duration.ofDays(1),
                        OrderMode.ORDERED,
                        Attribution.FIRST_TOUCH);
        harness.processBroadcastElement(mine, T0);
        send(stage("QUOTED", T0));

        assertThat(rows())
                .extracting(FunnelProgressRow::funnelId, FunnelProgressRow::stepCount)
                .containsExactly(tuple("sales", 1));
    }

    @Test
    void aMalformedDefinitionIsIgnoredWithoutAnException() throws Exception {
        FunnelDefinition broken =
                new FunnelDefinition(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        "broken",
                        TENANT,
                        T0,
                        "admin",
                        "broken",
                        "Broken",
                        List.of(),
                        0,
                        null,
                        null,
                        true);
        harness.processBroadcastElement(broken, T0);
        send(lead(T0));

        assertThat(
                        harness.getBroadcastState(FunnelProgressFunction.DEFINITIONS)
                                .contains(FunnelProgressFunction.keyOf(TENANT, "broken")))
                .isFalse();
        assertThat(rows()).extracting(FunnelProgressRow::funnelId).containsExactly("sales");
    }

    @Test
    void anErasedCustomersStateIsClearedAtOnce() throws Exception {
        send(lead(T0));
        assertThat(keyedStateEntries()).isPositive();

        send(erased(T0 + MIN));

        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void stateIsClearedOnceTheWatermarkPassesTheWindowAndTheLateness() throws Exception {
        send(answered("k-1", T0 - MIN));
        send(lead(T0));
        send(stage("QUOTED", T0 + MIN));
        long windowEnd = T0 + Duration.ofDays(90).toMillis();

        harness.processWatermark(windowEnd + LATENESS.toMillis());
        assertThat(keyedStateEntries()).isPositive();

        harness.processWatermark(windowEnd + LATENESS.toMillis() + 1);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void rowsAfterTheStateWasClearedOutrankTheRowsBeforeIt() throws Exception {
        harness.setProcessingTime(5_000);
        send(lead(T0));
        long windowEnd = T0 + Duration.ofDays(90).toMillis();
        harness.processWatermark(windowEnd + LATENESS.toMillis() + 1);
        assertThat(keyedStateEntries()).isZero();

        harness.setProcessingTime(9_000);
        send(lead(T0)); // the same episode again, e.g. replayed from the archive

        assertThat(rows())
                .extracting(FunnelProgressRow::episodeStartMillis, FunnelProgressRow::version)
                .containsExactly(tuple(T0, 5_001L), tuple(T0, 9_001L));
    }

    @Test
    void eventsNoFunnelNeedsKeepNoState() throws Exception {
        send(business(BusinessEventType.STAGE_CHANGED, "LOST", T0, Map.of()));

        assertThat(rows()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void theFunnelTypesUseFlinksPojoSerializer() {
        io.ringstream.testkit.FlinkTypes.assertPojoWithoutKryo(FunnelInput.TYPE);
        io.ringstream.testkit.FlinkTypes.assertPojoWithoutKryo(
                org.apache.flink.api.common.typeinfo.TypeInformation.of(FunnelDefinition.class));
        io.ringstream.testkit.FlinkTypes.assertPojoWithoutKryo(
                org.apache.flink.api.common.typeinfo.TypeInformation.of(FunnelProgressRow.class));
        io.ringstream.testkit.FlinkTypes.assertPojoWithoutKryo(
                org.apache.flink.api.common.typeinfo.TypeInformation.of(FunnelEpisode.class));
    }
}
