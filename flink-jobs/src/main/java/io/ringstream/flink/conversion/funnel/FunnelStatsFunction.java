package io.ringstream.flink.conversion.funnel;

import io.ringstream.analytics.funnel.FunnelCell;
import io.ringstream.analytics.funnel.FunnelDayStats;
import io.ringstream.analytics.funnel.FunnelDayStats.Contribution;
import io.ringstream.analytics.funnel.FunnelDayStats.Result;
import io.ringstream.analytics.funnel.FunnelDayStats.StepStats;
import io.ringstream.analytics.funnel.FunnelRollups;
import io.ringstream.analytics.funnel.FunnelRollups.AgentDay;
import io.ringstream.analytics.funnel.FunnelRollups.ChannelStep;
import io.ringstream.flink.conversion.ConversionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Writes {@code funnel_stats}: keyed by {@link FunnelEpisode#dayKey()} (tenant, funnel, cohort
 * day), it keeps each episode's latest update and, a little after a change, rewrites every cell of
 * the day from them with {@link FunnelDayStats}. Thin glue: the numbers are computed in
 * contact-analytics.
 *
 * <p>State: the day's episodes (episode key to its cell and step times), the cells last written (so
 * a cell that emptied gets one row of zeros) and a {@link FunnelDayState}. A change marks the day
 * dirty; a processing-time timer flushes it at most every {@code refresh}; every row of a flush has
 * the flush's processing time as its version (one more than the last, if the clock did not move).
 *
 * <p>Each flush also sends the same cells summed with {@link FunnelRollups}, with the same version:
 * per channel, campaign and step on {@link #CHANNEL_DAYS} ({@code funnel_channel_days}) and per
 * agent on {@link #AGENT_DAYS} ({@code funnel_agent_days}). They need no state of their own: a
 * flush's rows include every cell written before, so every coarse row written before is rewritten.
 *
 * <p>State lifetime: an event-time timer at the end of the cohort day + the funnel's window + the
 * funnel lateness; no update of the day's episodes can come later from live traffic. When it fires,
 * the day is flushed (if dirty) and all its state is cleared, but only once the day has had no
 * change for {@code quiet} of processing time: a history import reaches this operator with the
 * watermark already past its days, and they must be counted whole. An update that still arrives
 * after the clear starts the day afresh from that episode, and its rows replace the complete ones
 * (a known limit: an import that pauses longer than {@code quiet} and resumes on the same days);
 * docs/funnels.md.
 */
public class FunnelStatsFunction
        extends KeyedProcessFunction<String, FunnelEpisode, FunnelStatsRow> {
    private static final long serialVersionUID = 1L;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    /** The least processing-time quiet before a day past its cleanup time is cleared. */
    public static final Duration MIN_QUIET = Duration.ofMinutes(5);

    /** The flush's cells summed per channel, campaign and step ({@code funnel_channel_days}). */
    public static final OutputTag<FunnelChannelDayRow> CHANNEL_DAYS =
            new OutputTag<>("funnel-channel-days", TypeInformation.of(FunnelChannelDayRow.class));

    /** The flush's cells summed per credited agent ({@code funnel_agent_days}). */
    public static final OutputTag<FunnelAgentDayRow> AGENT_DAYS =
            new OutputTag<>("funnel-agent-days", TypeInformation.of(FunnelAgentDayRow.class));

    private final long refreshMillis;
    private final long latenessMillis;
    private final long quietMillis;

    private transient MapState<String, StoredEpisode> episodes;
    private transient MapState<FunnelCell, Boolean> written;
    private transient ValueState<FunnelDayState> day;
    private transient Counter malformed;

    /** One episode's latest update: its cell and step times. A POJO for Flink's serializer. */
    public static class StoredEpisode {
        public String channel;
        public String campaign;
        public String agentId;
        public long[] stepTimesMillis;

        public StoredEpisode() {}

        StoredEpisode(FunnelEpisode e) {
            channel = e.channel();
            campaign = e.campaign();
            agentId = e.agentId();
            stepTimesMillis = e.stepTimesMillis().stream().mapToLong(Long::longValue).toArray();
        }

        Contribution contribution() {
            List<Long> times = new ArrayList<>(stepTimesMillis.length);
            for (long t : stepTimesMillis) {
                times.add(t);
            }
            return new Contribution(new FunnelCell(channel, campaign, agentId), times);
        }
    }

    /**
     * @param refresh a changed day is written at most this often (processing time)
     * @param lateness the funnel lateness, added to the day's end and window for the cleanup
     * @param quiet a day due for cleanup is kept until it has not changed for this long
     */
    public FunnelStatsFunction(Duration refresh, Duration lateness, Duration quiet) {
        this.refreshMillis = refresh.toMillis();
        this.latenessMillis = lateness.toMillis();
        this.quietMillis = quiet.toMillis();
    }

    /** The stats half of the funnel pipeline: keys the episodes by day and writes their rows. */
    public static SingleOutputStreamOperator<FunnelStatsRow> apply(
            DataStream<FunnelEpisode> episodes, ConversionSettings settings) {
        Duration quiet =
                settings.funnelLateness().compareTo(MIN_QUIET) > 0
                        ? settings.funnelLateness()
                        : MIN_QUIET;
        return episodes.keyBy(FunnelEpisode::dayKey)
                .process(
                        new FunnelStatsFunction(
                                settings.statsRefresh(), settings.funnelLateness(), quiet))
                .name("funnel-stats")
                .uid("funnel-stats");
    }

    @Override
    public void open(OpenContext openContext) {
        episodes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "episodes",
                                        Types.STRING,
                                        TypeInformation.of(StoredEpisode.class)));
        written =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "written",
                                        TypeInformation.of(FunnelCell.class),
                                        Types.BOOLEAN));
        day = getRuntimeContext().getState(new ValueStateDescriptor<>("day", FunnelDayState.class));
        malformed = getRuntimeContext().getMetricGroup().counter("malformedFunnelEpisodes");
    }

    @Override
    public void processElement(FunnelEpisode e, Context ctx, Collector<FunnelStatsRow> out)
            throws Exception {
        if (e.stepNames().isEmpty() || (!e.retracted() && e.stepTimesMillis().isEmpty())) {
            // The progress operator never sends these; count rather than fail the job.
            malformed.inc();
            return;
        }
        FunnelDayState state = day.value();
        if (e.retracted()) {
            if (state == null || !episodes.contains(e.episodeKey())) {
                return;
            }
            episodes.remove(e.episodeKey());
        } else {
            episodes.put(e.episodeKey(), new StoredEpisode(e));
        }
        TimerService timers = ctx.timerService();
        if (state == null) {
            state = new FunnelDayState();
            state.tenant = e.tenant();
            state.funnelId = e.funnelId();
            state.cohortDay = e.cohortDay();
        }
        state.funnelName = e.funnelName();
        state.stepNames = new ArrayList<>(e.stepNames());
        state.windowMillis = Math.max(state.windowMillis, e.windowMillis());
        long cleanupAt =
                (state.cohortDay + 1) * MILLIS_PER_DAY + state.windowMillis + latenessMillis;
        if (cleanupAt != state.cleanupAt) {
            if (state.cleanupAt != 0) {
                timers.deleteEventTimeTimer(state.cleanupAt);
            }
            timers.registerEventTimeTimer(cleanupAt);
            state.cleanupAt = cleanupAt;
        }
        long now = timers.currentProcessingTime();
        state.dirty = true;
        state.lastChangeMillis = now;
        if (state.flushAt == 0) {
            state.flushAt = now + refreshMillis;
            timers.registerProcessingTimeTimer(state.flushAt);
        }
        day.update(state);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FunnelStatsRow> out)
            throws Exception {
        FunnelDayState state = day.value();
        if (state == null) {
            return;
        }
        TimerService timers = ctx.timerService();
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (timestamp == state.flushAt) {
                state.flushAt = 0;
                flush(state, timers.currentProcessingTime(), ctx, out);
            }
            if (timestamp == state.quietAt) {
                state.quietAt = 0;
            }
        }
        if (timers.currentWatermark() >= state.cleanupAt) {
            long quietUntil = state.lastChangeMillis + quietMillis;
            if (timers.currentProcessingTime() >= quietUntil) {
                flush(state, timers.currentProcessingTime(), ctx, out);
                clear(state, timers);
                return;
            }
            if (state.quietAt != quietUntil) {
                if (state.quietAt != 0) {
                    timers.deleteProcessingTimeTimer(state.quietAt);
                }
                timers.registerProcessingTimeTimer(quietUntil);
                state.quietAt = quietUntil;
            }
        }
        day.update(state);
    }

    /**
     * Writes every cell of the day, and the zeros of the cells that emptied, if anything changed.
     */
    private void flush(FunnelDayState state, long now, Context ctx, Collector<FunnelStatsRow> out)
            throws Exception {
        if (!state.dirty) {
            return;
        }
        List<Contribution> current = new ArrayList<>();
        for (StoredEpisode stored : episodes.values()) {
            current.add(stored.contribution());
        }
        Set<FunnelCell> before = new HashSet<>();
        for (FunnelCell cell : written.keys()) {
            before.add(cell);
        }
        Result result = FunnelDayStats.compute(state.stepNames.size(), current, before);
        // The processing time, or one more when the clock has not moved: always above every earlier
        // write of the day, even one made before a clear (the state starts again from 0).
        state.version = Math.max(state.version + 1, now);
        state.dirty = false;
        for (StepStats s : result.rows()) {
            out.collect(row(state, s, now));
        }
        FunnelRollups.Rollup rollup = FunnelRollups.of(result.rows());
        for (ChannelStep c : rollup.channelSteps()) {
            ctx.output(CHANNEL_DAYS, channelRow(state, c, now));
        }
        for (AgentDay a : rollup.agentDays()) {
            ctx.output(AGENT_DAYS, agentRow(state, a, now));
        }
        written.clear();
        for (FunnelCell cell : result.cells()) {
            written.put(cell, Boolean.TRUE);
        }
    }

    private static FunnelStatsRow row(FunnelDayState state, StepStats s, long now) {
        return new FunnelStatsRow(
                state.tenant,
                state.funnelId,
                state.funnelName,
                state.cohortDay,
                s.step(),
                state.stepNames.get(s.step() - 1),
                s.cell().channel(),
                s.cell().campaign(),
                s.cell().agentId(),
                s.entered(),
                s.reached(),
                s.fromPreviousMedianSeconds(),
                s.fromPreviousP90Seconds(),
                s.fromEntryMedianSeconds(),
                s.fromEntryP90Seconds(),
                state.version,
                now);
    }

    private static FunnelChannelDayRow channelRow(FunnelDayState state, ChannelStep c, long now) {
        return new FunnelChannelDayRow(
                state.tenant,
                state.funnelId,
                state.funnelName,
                state.cohortDay,
                c.step(),
                state.stepNames.get(c.step() - 1),
                c.channel(),
                c.campaign(),
                c.entered(),
                c.reached(),
                c.timedReached(),
                c.fromPreviousMedianWeightedSeconds(),
                c.fromPreviousP90WeightedSeconds(),
                c.fromEntryMedianWeightedSeconds(),
                c.fromEntryP90WeightedSeconds(),
                state.version,
                now);
    }

    private static FunnelAgentDayRow agentRow(FunnelDayState state, AgentDay a, long now) {
        return new FunnelAgentDayRow(
                state.tenant,
                state.funnelId,
                state.funnelName,
                state.cohortDay,
                a.agentId(),
                a.entered(),
                a.reached(),
                state.version,
                now);
    }

    private void clear(FunnelDayState state, TimerService timers) {
        if (state.flushAt != 0) {
            timers.deleteProcessingTimeTimer(state.flushAt);
        }
        if (state.quietAt != 0) {
            timers.deleteProcessingTimeTimer(state.quietAt);
        }
        timers.deleteEventTimeTimer(state.cleanupAt);
        episodes.clear();
        written.clear();
        day.clear();
    }
}
