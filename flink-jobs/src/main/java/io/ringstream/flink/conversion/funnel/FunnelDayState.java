package io.ringstream.flink.conversion.funnel;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link FunnelStatsFunction} keeps about one funnel's cohort day besides its episodes: the
 * names for the rows, the row version and its timers. A mutable POJO for Flink's POJO serializer;
 * it lives from the day's first episode until the day's cleanup (see the function).
 */
public class FunnelDayState {
    public String tenant;
    public String funnelId;
    public String funnelName;
    public List<String> stepNames = new ArrayList<>();
    public long cohortDay;

    /** The longest funnel window of the day's episodes; the cleanup waits for it. */
    public long windowMillis;

    /** Version of the last rows written; the next flush writes {@code version + 1}. */
    public long version;

    /** Episodes changed since the last flush. */
    public boolean dirty;

    /** Processing time of the last change. */
    public long lastChangeMillis;

    /** Pending processing-time flush, 0 for none. */
    public long flushAt;

    /** Pending processing-time quiet check (cleanup due in event time but changes were recent). */
    public long quietAt;

    /** The registered event-time cleanup timer. */
    public long cleanupAt;

    public FunnelDayState() {}
}
