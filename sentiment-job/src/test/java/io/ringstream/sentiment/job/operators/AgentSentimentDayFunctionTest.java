package io.ringstream.sentiment.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.job.AgentSentimentRow;
import io.ringstream.sentiment.job.ConversationPoint;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rows per tenant, day and agent: refreshed on processing time, closed and cleared on watermarks.
 */
class AgentSentimentDayFunctionTest {
    /** 2024-03-01T00:00:00Z. */
    private static final long DAY = 1_709_251_200_000L;

    private static final long HOUR = 3_600_000L;
    private static final Duration LATENESS = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, ConversationPoint, AgentSentimentRow>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AgentSentimentDayFunction(Duration.ofSeconds(5), LATENESS),
                        Keys::ofDay,
                        Types.STRING);
        harness.setProcessingTime(1_000);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void point(String contact, int turn, long time, String agent, Double customer)
            throws Exception {
        harness.processElement(
                new ConversationPoint(
                        "acme",
                        contact,
                        turn,
                        "e-" + contact + "-" + turn,
                        "CUSTOMER",
                        time,
                        1,
                        customer,
                        customer,
                        customer,
                        null,
                        0.0,
                        false,
                        "en",
                        "billing",
                        agent,
                        time),
                time);
    }

    private List<AgentSentimentRow> drain() {
        List<AgentSentimentRow> rows = List.copyOf(harness.extractOutputValues());
        harness.getOutput().clear();
        return rows;
    }

    @Test
    void changedAgentsAreWrittenAtMostEveryRefresh() throws Exception {
        point("c1", 1, DAY + 10 * HOUR, "a1", 0.5);
        point("c2", 1, DAY + 10 * HOUR, "a1", -0.1);
        point("c3", 1, DAY + 11 * HOUR, "a2", 0.2);
        assertThat(drain()).isEmpty();

        harness.setProcessingTime(6_000);
        List<AgentSentimentRow> rows = drain();
        assertThat(rows)
                .extracting(AgentSentimentRow::agentId, AgentSentimentRow::conversations)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a1", 2L),
                        org.assertj.core.groups.Tuple.tuple("a2", 1L));
        AgentSentimentRow a1 =
                rows.stream().filter(r -> r.agentId().equals("a1")).findFirst().get();
        assertThat(a1.tenant()).isEqualTo("acme");
        assertThat(a1.dayStart()).isEqualTo(DAY);
        assertThat(a1.customerSum()).isEqualTo(0.5 + -0.1);
        assertThat(a1.customerMean()).isEqualTo((0.5 + -0.1) / 2);

        // c3 moves to a1: both rows change, written with a higher version.
        point("c3", 2, DAY + 12 * HOUR, "a1", null);
        harness.setProcessingTime(12_000);
        List<AgentSentimentRow> moved = drain();
        assertThat(moved)
                .extracting(AgentSentimentRow::agentId, AgentSentimentRow::conversations)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a1", 3L),
                        org.assertj.core.groups.Tuple.tuple("a2", 0L));
        assertThat(moved.get(0).asOf()).isGreaterThan(a1.asOf());
        assertThat(
                        moved.stream()
                                .filter(r -> r.agentId().equals("a2"))
                                .findFirst()
                                .get()
                                .customerMean())
                .isNull();

        // A redelivered point changes nothing and writes nothing.
        point("c3", 2, DAY + 12 * HOUR, "a1", null);
        harness.setProcessingTime(20_000);
        assertThat(drain()).isEmpty();
    }

    @Test
    void theDayIsWrittenWhenTheWatermarkPassesItsEndAndClearedAfterTheLateness() throws Exception {
        point("c1", 1, DAY + 23 * HOUR, "a1", 0.4);
        point("n1", 1, DAY + 24 * HOUR + 1, "a1", 0.9); // the next day: a key of its own

        harness.processWatermark(DAY + 24 * HOUR - 1);
        assertThat(drain())
                .extracting(AgentSentimentRow::dayStart, AgentSentimentRow::customerSum)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DAY, 0.4));

        // Late but within the lateness: still counted, written on the next refresh.
        point("c2", 1, DAY + 23 * HOUR, "a1", 0.2);
        harness.setProcessingTime(7_000);
        assertThat(drain())
                .extracting(AgentSentimentRow::dayStart, AgentSentimentRow::conversations)
                .contains(org.assertj.core.groups.Tuple.tuple(DAY, 2L));

        int nextDayOnly = harness.numKeyedStateEntries();
        harness.processWatermark(DAY + 24 * HOUR - 1 + LATENESS.toMillis());
        assertThat(harness.numKeyedStateEntries()).isLessThan(nextDayOnly);

        // After the cleanup a point of that day is dropped: a fresh count would be partial.
        point("c3", 1, DAY + 23 * HOUR, "a1", -1.0);
        harness.setProcessingTime(14_000);
        assertThat(drain()).allMatch(r -> r.dayStart() != DAY);

        harness.processWatermark(DAY + 48 * HOUR - 1 + LATENESS.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
