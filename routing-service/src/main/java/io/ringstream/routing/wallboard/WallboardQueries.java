package io.ringstream.routing.wallboard;

import io.ringstream.clickhouse.Table;
import java.util.Collections;
import java.util.List;

/**
 * Every ClickHouse query of the wallboard, in one place so a benchmark can run each by itself. All
 * run on ClickHouse 18.16 and current releases (no toStartOfInterval, DateTime64 or window
 * functions). The day is the UTC day, passed as parameters rather than ClickHouse's {@code today()}
 * (the server's time zone): see {@link #dayParameters}.
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
     * Per agent, today's answered contacts, ended talks, talk and wrap-up time, and its holds as
     * {@code time:TYPE:contact,...} (HELD, RESUMED and TALK_ENDED in time order; {@link HoldTime}
     * pairs them, as docs/kpis.md defines a hold). Parameters: tenant, day (YYYY-MM-DD), day start
     * (epoch ms), day start (epoch seconds): the last one repeats the bound on event_time, the
     * table's ORDER BY column, so the read skips the month's earlier days instead of scanning its
     * partition (event_time_ms is not in the key). The day's bounds are a PREWHERE: with FINAL,
     * ClickHouse merges every row of the granules the key selects and applies WHERE after the
     * merge; PREWHERE drops the earlier days' rows before it (half the time on 30 days). Every
     * column it tests is the same in each redelivery of an event, so FINAL keeps the same rows.
     */
    public static final String AGENT_CONTACTS =
            "SELECT agent_id, countIf(type = 'ANSWERED'), countIf(type = 'TALK_ENDED'),"
                    + " sumIf(ifNull(duration_ms, 0), type = 'TALK_ENDED'),"
                    + " sumIf(ifNull(duration_ms, 0), type = 'WRAPUP_ENDED'),"
                    + " arrayStringConcat(arrayMap(x -> concat(toString(x.1), ':', x.2, ':', x.3),"
                    + " arraySort(groupArrayIf((event_time_ms, type, contact_id),"
                    + " type IN ('HELD', 'RESUMED', 'TALK_ENDED')))), ',')"
                    + " FROM "
                    + Table.CONTACT_EVENTS.qualifiedName()
                    + " FINAL PREWHERE tenant = ? AND event_date >= toDate(?) AND event_time_ms >= ?"
                    + " AND event_time >= toDateTime(?)"
                    + " WHERE agent_id != '' GROUP BY agent_id ORDER BY agent_id";

    /**
     * Per agent, its state changes of yesterday and today in time order as {@code time:TYPE,...}:
     * yesterday's only say which state the agent was in at midnight ({@link AgentDay} counts time
     * from the day start). Agents whose last event is a LOGGED_OUT before today are left out.
     * Parameters: tenant, day (YYYY-MM-DD), day start (epoch ms), day start (epoch seconds;
     * event_time is in the key, as for {@link #AGENT_CONTACTS}), day start (epoch ms). The bounds
     * are a PREWHERE, as there.
     */
    public static final String AGENT_STATES =
            "SELECT agent_id, arrayStringConcat(arrayMap(x -> concat(toString(x.1), ':', x.2),"
                    + " arraySort(groupArray((event_time_ms, type)))), ',')"
                    + " FROM "
                    + Table.AGENT_EVENTS.qualifiedName()
                    + " FINAL PREWHERE tenant = ? AND event_date >= toDate(?) - 1"
                    + " AND event_time_ms >= ? - 86400000"
                    + " AND event_time >= toDateTime(?) - 86400"
                    + " GROUP BY agent_id"
                    + " HAVING max(event_time_ms) >= ? OR argMax(type, event_time_ms) != 'LOGGED_OUT'"
                    + " ORDER BY agent_id";

    /**
     * The latest customer rolling sentiment of each of {@code contacts} contacts. Parameters:
     * tenant, then one contact id per placeholder.
     */
    public static String sentiment(int contacts) {
        return "SELECT contact_id, argMax(ifNull(customer_rolling, 0), event_time_ms)"
                + " FROM "
                + Table.CONVERSATION_SENTIMENT.qualifiedName()
                + " FINAL WHERE tenant = ? AND contact_id IN ("
                + String.join(", ", Collections.nCopies(Math.max(1, contacts), "?"))
                + ") AND customer_rolling IS NOT NULL GROUP BY contact_id";
    }

    /** Every query, for a benchmark: name and SQL (sentiment with 10 contacts). */
    public static List<String[]> all() {
        return List.of(
                new String[] {"queues", QUEUES},
                new String[] {"intervals", INTERVALS},
                new String[] {"agent-contacts", AGENT_CONTACTS},
                new String[] {"agent-states", AGENT_STATES},
                new String[] {"sentiment", sentiment(10)});
    }
}
