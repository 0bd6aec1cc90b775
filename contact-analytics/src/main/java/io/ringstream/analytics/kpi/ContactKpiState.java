package io.ringstream.analytics.kpi;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link ContactKpiTracker} remembers about one contact between its events. A mutable POJO
 * with public fields for Flink's POJO serializer; the operator clears it a linger after ENDED.
 */
public class ContactKpiState {
    /** The queue the contact waits in now, or null. */
    public String waitingQueue;

    /** When it joined {@link #waitingQueue}. */
    public long waitingSince;

    /** Time of the latest QUEUED (any queue): the wait of an outcome that does not report one. */
    public Long lastQueuedAt;

    /** The queue of the latest ANSWERED: talk, holds and wrap-up without a queue count there. */
    public String answeredQueue;

    /**
     * The agent of the latest ANSWERED: talk, holds and wrap-up without an agent count for it in
     * {@code agent_kpis}. Lives as long as the contact's state.
     */
    public String answeredAgent;

    /** Start of the hold in progress, or null. */
    public Long holdStart;

    public List<String> seenEventIds = new ArrayList<>();

    public long lastEventTime;

    public Long endedAt;

    public ContactKpiState() {}
}
