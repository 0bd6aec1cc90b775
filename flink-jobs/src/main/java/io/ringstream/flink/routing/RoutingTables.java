package io.ringstream.flink.routing;

import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;

/**
 * The routing job's table, {@code routing_decisions} (migration V010). A decision re-sent after a
 * restore has the same id and sorting key, so it collapses under FINAL.
 */
public final class RoutingTables {
    private RoutingTables() {}

    public static final TableSpec<DecisionRow> ROUTING_DECISIONS =
            TableSpec.<DecisionRow>of(Table.ROUTING_DECISIONS)
                    .column("decision_id", DecisionRow::decisionId)
                    .column("tenant", DecisionRow::tenant)
                    .eventTime("decision", DecisionRow::atMillis)
                    .column("contact_id", DecisionRow::contactId)
                    .column("queue", DecisionRow::queue)
                    .column("chosen_agent_id", DecisionRow::chosenAgentId)
                    .column("offer_id", DecisionRow::offerId)
                    .column("step", DecisionRow::step)
                    .column("strategy", DecisionRow::strategy)
                    .column("reason", DecisionRow::reason)
                    .column("candidate_count", DecisionRow::candidateCount)
                    .column("eligible_count", DecisionRow::eligibleCount)
                    .column("candidates", DecisionRow::candidatesJson)
                    .build();
}
