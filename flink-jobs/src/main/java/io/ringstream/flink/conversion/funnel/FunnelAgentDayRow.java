package io.ringstream.flink.conversion.funnel;

import java.util.List;

/**
 * One {@code funnel_agent_days} row (V062): {@link FunnelStatsRow}s of one day and credited agent
 * summed over channels and campaigns, so the per-agent panels read a row per agent and day (issue
 * 13).
 *
 * @param reached per step, index 0 for step 1
 */
public record FunnelAgentDayRow(
        String tenant,
        String funnelId,
        String funnelName,
        long dayEpochDay,
        String agentId,
        long entered,
        List<Long> reached,
        long version,
        long updatedAtMillis) {

    public FunnelAgentDayRow {
        reached = List.copyOf(reached);
    }
}
