package io.ringstream.analytics.sla.clock;

import io.ringstream.events.Channel;
import io.ringstream.events.SlaEvent.SubjectType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link ClockMapper} remembers about one contact or agent between its events: the context
 * later events lack (HELD carries no queue), which clocks were started, and the event ids already
 * seen (so a re-delivered event starts nothing twice).
 *
 * <p>A mutable POJO with public fields for Flink's POJO serializer; only the mapper changes it. The
 * operator decides its lifetime (cleared a linger after ENDED, or after inactivity).
 */
public class SubjectState {
    public String tenant;
    public SubjectType subjectType;
    public String subject;

    public String queue;
    public Channel channel;
    public Integer priority;
    public String agentId;

    /** FIRST_RESPONSE and RESOLUTION clocks have been started (once per contact). */
    public boolean firstClocksStarted;

    /** An agent has responded in the chat: customer messages now start REPLY_GAP clocks. */
    public boolean agentResponded;

    /** A REPLY_GAP clock runs (a customer message awaits the agent's reply). */
    public boolean gapOpen;

    /** A HOLD clock runs. */
    public boolean onHold;

    /** Time of the latest QUEUED, for abandons that do not report their wait. */
    public Long lastQueuedAt;

    /** Agents: the latest state (AgentEventType name) and its event time. */
    public String agentState;

    public long agentStateAt;

    /** Clocks started and not known to be stopped: kind name to the due time of its breach. */
    public Map<String, Long> openClocks = new HashMap<>();

    /** Kinds of every clock ever started for the subject (names), released when it is dropped. */
    public List<String> usedKinds = new ArrayList<>();

    /** Event ids already applied. */
    public List<String> seenEventIds = new ArrayList<>();

    public long lastEventTime;

    /** Event time of ENDED, or null. */
    public Long endedAt;

    public SubjectState() {}

    /** The latest due time of a clock that may still run, or {@link Long#MIN_VALUE}. */
    public long latestOpenDue() {
        long latest = Long.MIN_VALUE;
        for (Long due : openClocks.values()) {
            latest = Math.max(latest, due);
        }
        return latest;
    }
}
