package io.ringstream.sentiment.job.operators;

import io.ringstream.sentiment.agents.AgentScores;
import io.ringstream.sentiment.agents.AgentSentimentDay;
import io.ringstream.sentiment.agents.ConversationFinal;
import io.ringstream.sentiment.job.AgentSentimentRow;
import io.ringstream.sentiment.job.ConversationPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps, per tenant and UTC day (key {@link Keys#ofDay}), the {@link AgentSentimentDay} of the
 * day's timeline points and writes the agents whose figures changed as complete {@code
 * agent_sentiment_days} rows, so Conversion's sentiment side reads a few rows per agent and day
 * instead of every conversation.
 *
 * <p>Emission: a changed agent is marked dirty; at most every {@code refresh} of processing time
 * (one pending processing-time timer per key) the dirty agents' rows are emitted, and a last time
 * when the watermark passes the day's last millisecond. Each row's version ({@code as_of}) is the
 * processing time, kept strictly increasing per key, so the latest row replaces the earlier ones.
 *
 * <p>State lifetime: the day's conversations, agents, dirty set, pending refresh and last version
 * live from the day's first point until the watermark passes the day's end plus {@code lateness}
 * (one event-time timer), then are cleared. Points arriving before that still update the rows (the
 * next refresh writes them); points of a day already cleared are dropped and counted in {@code
 * lateAgentSentimentDropped}, since a fresh state would overwrite the day's rows with a partial
 * count.
 */
public class AgentSentimentDayFunction
        extends KeyedProcessFunction<String, ConversationPoint, AgentSentimentRow> {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final long refreshMillis;
    private final long latenessMillis;

    private transient MapState<String, ConversationFinal> conversations;
    private transient MapState<String, AgentScores> agents;
    private transient MapState<String, Boolean> dirty;
    private transient ValueState<Long> refreshAt;
    private transient ValueState<Long> lastAsOf;
    private transient AgentSentimentDay day;
    private transient Counter lateDropped;

    /**
     * @param refresh how often, at most, changed agents' rows are written (processing time)
     * @param lateness how long after the day's end (event time) its points still count
     */
    public AgentSentimentDayFunction(Duration refresh, Duration lateness) {
        this.refreshMillis = refresh.toMillis();
        this.latenessMillis = lateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        conversations =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "conversations",
                                        Types.STRING,
                                        TypeInformation.of(ConversationFinal.class)));
        agents =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "agents",
                                        Types.STRING,
                                        TypeInformation.of(AgentScores.class)));
        dirty =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("dirty", Types.STRING, Types.BOOLEAN));
        refreshAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("refreshAt", Types.LONG));
        lastAsOf = getRuntimeContext().getState(new ValueStateDescriptor<>("lastAsOf", Types.LONG));
        day = new AgentSentimentDay(new StateStore());
        lateDropped = getRuntimeContext().getMetricGroup().counter("lateAgentSentimentDropped");
    }

    /** The day's first millisecond (UTC) of an event time, as {@code event_date} derives it. */
    public static long dayStart(long eventTime) {
        return Math.floorDiv(eventTime, DAY_MILLIS) * DAY_MILLIS;
    }

    @Override
    public void processElement(ConversationPoint p, Context ctx, Collector<AgentSentimentRow> out)
            throws Exception {
        long dayEnd = dayStart(p.eventTime()) + DAY_MILLIS - 1;
        TimerService timers = ctx.timerService();
        if (dayEnd + latenessMillis <= timers.currentWatermark()) {
            lateDropped.inc();
            return;
        }
        var changed = day.apply(p.contactId(), p.turn(), p.agentId(), p.customerRolling());
        // The day's end and its cleanup: registering the same timers again is a no-op.
        timers.registerEventTimeTimer(dayEnd);
        timers.registerEventTimeTimer(dayEnd + latenessMillis);
        if (changed.isEmpty()) {
            return;
        }
        for (String agent : changed) {
            dirty.put(agent, Boolean.TRUE);
        }
        if (refreshAt.value() == null) {
            long at = timers.currentProcessingTime() + refreshMillis;
            timers.registerProcessingTimeTimer(at);
            refreshAt.update(at);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AgentSentimentRow> out)
            throws Exception {
        TimerService timers = ctx.timerService();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            refreshAt.clear();
            emitDirty(ctx.getCurrentKey(), timers, out);
            return;
        }
        emitDirty(ctx.getCurrentKey(), timers, out);
        long dayEnd = Keys.dayStartOfDay(ctx.getCurrentKey()) + DAY_MILLIS - 1;
        if (timestamp >= dayEnd + latenessMillis) {
            Long pending = refreshAt.value();
            if (pending != null) {
                timers.deleteProcessingTimeTimer(pending);
            }
            conversations.clear();
            agents.clear();
            dirty.clear();
            refreshAt.clear();
            lastAsOf.clear();
        }
    }

    private void emitDirty(String key, TimerService timers, Collector<AgentSentimentRow> out)
            throws Exception {
        List<String> changed = new ArrayList<>();
        for (String agent : dirty.keys()) {
            changed.add(agent);
        }
        if (changed.isEmpty()) {
            return;
        }
        dirty.clear();
        Long last = lastAsOf.value();
        long now = timers.currentProcessingTime();
        long asOf = last == null ? now : Math.max(now, last + 1);
        lastAsOf.update(asOf);
        String tenant = Keys.tenantOfDay(key);
        long dayStart = Keys.dayStartOfDay(key);
        long wallClock = System.currentTimeMillis();
        for (String agent : changed) {
            AgentScores scores = day.agent(agent);
            out.collect(
                    new AgentSentimentRow(
                            tenant,
                            dayStart,
                            agent,
                            scores.conversations(),
                            scores.customerSum(),
                            scores.customerMean(),
                            asOf,
                            wallClock));
        }
    }

    /** {@link AgentSentimentDay}'s store on this key's map states. */
    private final class StateStore implements AgentSentimentDay.Store {
        @Override
        public ConversationFinal conversation(String contactId) {
            try {
                return conversations.get(contactId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putConversation(String contactId, ConversationFinal state) {
            try {
                conversations.put(contactId, state);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public AgentScores agent(String agentId) {
            try {
                return agents.get(agentId);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void putAgent(String agentId, AgentScores scores) {
            try {
                if (scores.hasNone()) {
                    agents.remove(agentId);
                } else {
                    agents.put(agentId, scores);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
