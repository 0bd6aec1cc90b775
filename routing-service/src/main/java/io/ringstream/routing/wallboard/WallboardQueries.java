package io.ringstream.routing.wallboard;

import io.ringstream.clickhouse.Table;
import java.util.Collections;
import java.util.List;

/**
 * Every ClickHouse query of the wallboard, in one place so a benchmark can run each by itself. All
 * run on ClickHouse 18.16 and current releases (no toStartOfInterval, DateTime64 or window
 * functions). The day is the UTC day, passed as parameters rather than ClickHouse's {@code today()}
 * (the server's time zone).
 */
public final class WallboardQueries {
    private WallboardQueries() {}

    /**
     * Per queue, today's interval counters summed over {@code queue_kpis} FINAL (each interval's
     * latest emission), with the latest interval's convention, target, Erlang C and staffing
     * (erlang -1: unknown). Parameters: tenant, day start (epoch seconds).
     */
    public static final String QUEUES =
            "SELECT queue, sum(offered), sum(answered), sum(abandoned), sum(short_abandoned),"
                    + " sum(answered_within_threshold), sum(abandoned_within_threshold),"
                    + " sum(total_wait_ms), sum(handled), sum(talk_ms), sum(hold_ms),"
                    + " sum(wrap_up_ms), argMax(sl_convention, window_start),"
                    + " argMax(target_share, window_start), argMax(threshold_seconds,"
                    + " window_start), argMax(ifNull(toInt64(erlang_agents_required), -1),"
                    + " window_start), argMax(agents_staffed, window_start)"
                    + " FROM "
                    + Table.QUEUE_KPIS.qualifiedName()
                    + " FINAL WHERE tenant = ? AND window_kind = 'interval'"
                    + " AND window_start >= toDateTime(?)"
                    + " GROUP BY queue ORDER BY queue";

    /**
     * Per 15-minute interval of today, all queues summed. Parameters: tenant, day start (epoch
     * seconds).
     */
    public static final String INTERVALS =
            "SELECT toUInt32(window_start), sum(offered), sum(answered), sum(abandoned),"
                    + " sum(short_abandoned), sum(answered_within_threshold),"
                    + " sum(abandoned_within_threshold), any(sl_convention)"
                    + " FROM "
                    + Table.QUEUE_KPIS.qualifiedName()
                    + " FINAL WHERE tenant = ? AND window_kind = 'interval'"
                    + " AND window_start >= toDateTime(?)"
                    + " GROUP BY window_start ORDER BY window_start";

    /**
     * Per agent, today's row of {@code agent_kpis} FINAL (the SLA job's per-agent day, docs/kpis.md
     * "Agent KPIs"): contacts answered, AHT (ms; null without a handled contact) and occupancy
     * (null when 0 ÷ 0), as of the job's watermark. The page's state and time in state stay live
     * (routing's snapshot, {@link LiveFigures}), fresher than any table. One index range: the table
     * is sorted by (tenant, window_kind, window_start, agent_id). The bounds are a PREWHERE: key
     * columns, equal in every version of a row, so FINAL keeps the same rows and merges only
     * today's. Parameters: tenant, day start (epoch seconds).
     */
    public static final String AGENTS =
            "SELECT agent_id, answered, aht_ms, occupancy"
                    + " FROM "
                    + Table.AGENT_KPIS.qualifiedName()
                    + " FINAL PREWHERE tenant = ? AND window_kind = 'day'"
                    + " AND window_start = toDateTime(?)"
                    + " ORDER BY agent_id";

    /**
     * The latest customer rolling sentiment of each of {@code contacts} contacts. Parameters:
     * tenant, then one contact id per placeholder.
     *
     * <p>Without {@code FINAL}: the sentiment job writes a row deterministically per key, so a
     * redelivered row is identical to the first and {@code argMax} gives the same answer over one
     * copy or two; {@code FINAL} cost about 40 of this query's 50 ms (it merged every part's
     * granules of these contacts). Tenant and contacts are key columns, read first.
     */
    public static String sentiment(int contacts) {
        return "SELECT contact_id, argMax(ifNull(customer_rolling, 0), event_time_ms)"
                + " FROM "
                + Table.CONVERSATION_SENTIMENT.qualifiedName()
                + " PREWHERE tenant = ? AND contact_id IN ("
                + String.join(", ", Collections.nCopies(Math.max(1, contacts), "?"))
                + ") WHERE customer_rolling IS NOT NULL GROUP BY contact_id";
    }

    /** Every query, for a benchmark: name and SQL (sentiment with 10 contacts). */
    public static List<String[]> all() {
        return List.of(
                new String[] {"queues", QUEUES},
                new String[] {"intervals", INTERVALS},
                new String[] {"agents", AGENTS},
                new String[] {"sentiment", sentiment(10)});
    }
}
