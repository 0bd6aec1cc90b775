package io.ringstream.analytics.kpi;

import java.util.HashMap;
import java.util.Map;

/**
 * One queue's live KPI state: per-minute counters for the sliding window, the current interval's
 * counters, who waits and which agents are in which state. A mutable POJO for Flink's POJO
 * serializer; only {@link QueueKpiAggregator} changes it.
 */
public class QueueKpiState {
    public String tenant;
    public String queue;

    /** Event time up to which time-based counters are accounted, epoch millis. */
    public long clock;

    /** Start of the interval {@link #interval} covers. */
    public long intervalStart;

    public KpiCounters interval = new KpiCounters();

    /** Minute start to that minute's counters, for the minutes the sliding window still needs. */
    public Map<Long, KpiCounters> minutes = new HashMap<>();

    /** Contacts waiting now: contact id to the time they joined. */
    public Map<String, Long> waiting = new HashMap<>();

    /** Member agents now: agent id to {@link AgentPresence} name (never OUT). */
    public Map<String, String> agents = new HashMap<>();

    public QueueKpiState() {}
}
