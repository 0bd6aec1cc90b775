package io.ringstream.analytics.funnel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums one {@link FunnelDayStats} computation's cells into the coarser rows the dashboards read
 * fast (issue 13: {@code funnel_stats} has a cell per agent, about a thousand times the rows): per
 * (channel, campaign, step) without the agent ({@code funnel_channel_days}) and per agent ({@code
 * funnel_agent_days}). Plain Java, so the stats operator only calls {@link #of}.
 *
 * <p>Exact under FINAL without state of its own: the input rows hold every cell written before
 * (emptied ones as zeros), so every coarse row written before is written again, with zeros when all
 * its cells emptied. Medians cannot be summed: a channel row carries the reached-weighted sums the
 * Conversion dashboard averaged over the cells ({@code sum(time × reached) / sum(reached)} over the
 * cells with a time), so it can still compute the same mean.
 */
public final class FunnelRollups {
    private FunnelRollups() {}

    /**
     * The rows of one computation: channel rows sorted by (channel, campaign, step), agents by id.
     */
    public record Rollup(List<ChannelStep> channelSteps, List<AgentDay> agentDays) {}

    /**
     * One step of one (channel, campaign): sums over the agents' cells.
     *
     * @param timedReached the reached of the cells with times (none for step 1 or nobody reached)
     * @param fromPreviousMedianWeightedSeconds Σ cell median × cell reached over those cells
     */
    public record ChannelStep(
            String channel,
            String campaign,
            int step,
            long entered,
            long reached,
            long timedReached,
            double fromPreviousMedianWeightedSeconds,
            double fromPreviousP90WeightedSeconds,
            double fromEntryMedianWeightedSeconds,
            double fromEntryP90WeightedSeconds) {}

    /**
     * One agent's cells summed.
     *
     * @param reached per step, index 0 for step 1
     */
    public record AgentDay(String agentId, long entered, List<Long> reached) {
        public AgentDay {
            reached = List.copyOf(reached);
        }
    }

    /**
     * @param rows one computation's rows ({@link FunnelDayStats.Result#rows()}): every step of
     *     every cell
     */
    public static Rollup of(List<FunnelDayStats.StepStats> rows) {
        Map<List<Object>, long[]> counts = new TreeMap<>(FunnelRollups::compareKeys);
        Map<List<Object>, double[]> times = new TreeMap<>(FunnelRollups::compareKeys);
        Map<String, Long> agentEntered = new TreeMap<>();
        Map<String, List<Long>> agentReached = new TreeMap<>();
        for (FunnelDayStats.StepStats s : rows) {
            FunnelCell cell = s.cell();
            List<Object> key = List.of(cell.channel(), cell.campaign(), s.step());
            long[] c = counts.computeIfAbsent(key, k -> new long[3]);
            double[] t = times.computeIfAbsent(key, k -> new double[4]);
            c[1] += s.reached();
            if (s.step() == 1) {
                agentEntered.merge(cell.agentId(), s.entered(), Long::sum);
            }
            c[0] += s.entered();
            if (s.fromEntryMedianSeconds() != null) {
                c[2] += s.reached();
                t[0] += s.fromPreviousMedianSeconds() * s.reached();
                t[1] += s.fromPreviousP90Seconds() * s.reached();
                t[2] += s.fromEntryMedianSeconds() * s.reached();
                t[3] += s.fromEntryP90Seconds() * s.reached();
            }
            List<Long> reached =
                    agentReached.computeIfAbsent(cell.agentId(), a -> new ArrayList<>());
            while (reached.size() < s.step()) {
                reached.add(0L);
            }
            reached.set(s.step() - 1, reached.get(s.step() - 1) + s.reached());
        }
        List<ChannelStep> channelSteps = new ArrayList<>();
        counts.forEach(
                (key, c) -> {
                    double[] t = times.get(key);
                    channelSteps.add(
                            new ChannelStep(
                                    (String) key.get(0),
                                    (String) key.get(1),
                                    (Integer) key.get(2),
                                    c[0],
                                    c[1],
                                    c[2],
                                    t[0],
                                    t[1],
                                    t[2],
                                    t[3]));
                });
        List<AgentDay> agentDays = new ArrayList<>();
        agentReached.forEach(
                (agent, reached) ->
                        agentDays.add(
                                new AgentDay(
                                        agent, agentEntered.getOrDefault(agent, 0L), reached)));
        return new Rollup(List.copyOf(channelSteps), List.copyOf(agentDays));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = ((Comparable) a.get(i)).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
