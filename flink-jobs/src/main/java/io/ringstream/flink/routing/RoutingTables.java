package io.ringstream.flink.routing;

import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The routing job's ClickHouse table, {@code routing_decisions} (migration V010): its columns and
 * how a decision becomes a row, next to each other so they cannot drift apart.
 */
public final class RoutingTables {
    public static final String ROUTING_DECISIONS = "ringstream.routing_decisions";

    static final List<String> DECISION_COLUMNS =
            List.of(
                    "decision_id",
                    "tenant",
                    "decision_date",
                    "decision_time",
                    "decision_time_ms",
                    "contact_id",
                    "queue",
                    "chosen_agent_id",
                    "offer_id",
                    "step",
                    "strategy",
                    "reason",
                    "candidate_count",
                    "eligible_count",
                    "candidates");

    private RoutingTables() {}

    static Object[] decisionRow(DecisionRow d) {
        return new Object[] {
            d.decisionId(),
            d.tenant(),
            LocalDate.ofEpochDay(Math.floorDiv(d.atMillis(), 86_400_000L)).toString(),
            Math.floorDiv(d.atMillis(), 1000L),
            d.atMillis(),
            d.contactId(),
            d.queue(),
            d.chosenAgentId(),
            d.offerId(),
            d.step(),
            d.strategy(),
            d.reason(),
            d.candidateCount(),
            d.eligibleCount(),
            d.candidatesJson()
        };
    }

    /**
     * At least once: a decision re-sent after a restore has the same id and sorting key, so
     * ReplacingMergeTree collapses it (read with FINAL for exact counts).
     */
    public static ClickHouseSink<DecisionRow> decisionsSink(String jdbcUrl, SinkTuning tuning) {
        return ClickHouseSink.<DecisionRow>builder()
                .jdbcUrl(jdbcUrl)
                .table(ROUTING_DECISIONS)
                .columns(DECISION_COLUMNS)
                .rowMapper(RoutingTables::decisionRow)
                .batchSize(tuning.batchSize())
                .flushInterval(tuning.flushInterval())
                .maxRetries(tuning.maxRetries())
                .deliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
