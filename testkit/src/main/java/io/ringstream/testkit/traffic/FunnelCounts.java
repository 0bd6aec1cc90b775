package io.ringstream.testkit.traffic;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code funnel_stats} rows of a day's funnel episodes, as the conversion job's stats operator
 * writes them (docs/funnels.md): one row per cohort day, cell (the credited contact's channel, the
 * campaign, the credited agent) and step; {@code entered} the cell's episodes, {@code reached}
 * those that got to the step, times by ClickHouse's {@code quantileExact} (no interpolation). Also
 * their sums without the agent ({@code funnel_channel_days}: reached-weighted time sums over the
 * cells with times) and per agent ({@code funnel_agent_days}: reached per step), with the same
 * version, as the operator writes them with each flush.
 */
final class FunnelCounts {
    private FunnelCounts() {}

    static void emit(
            TrafficSink sink,
            String tenant,
            List<CommerceGenerator.Episode> episodes,
            long version) {
        Map<List<String>, List<CommerceGenerator.Episode>> cells =
                new TreeMap<>(FunnelCounts::compare);
        for (CommerceGenerator.Episode e : episodes) {
            List<String> cell =
                    List.of(day(e.start()).toString(), e.channel(), e.campaign, e.agent());
            cells.computeIfAbsent(cell, c -> new ArrayList<>()).add(e);
        }
        List<String> steps = CommerceGenerator.STEPS;
        // (day, channel, campaign, step) -> entered, reached, timed reached; and the time sums
        Map<List<String>, long[]> channelCounts = new TreeMap<>(FunnelCounts::compare);
        Map<List<String>, double[]> channelTimes = new TreeMap<>(FunnelCounts::compare);
        // (day, agent) -> entered, then reached per step
        Map<List<String>, long[]> agents = new TreeMap<>(FunnelCounts::compare);
        cells.forEach(
                (cell, cellEpisodes) -> {
                    for (int k = 1; k <= steps.size(); k++) {
                        List<Double> fromPrevious = new ArrayList<>();
                        List<Double> fromEntry = new ArrayList<>();
                        long reached = 0;
                        for (CommerceGenerator.Episode e : cellEpisodes) {
                            if (e.stepsReached() >= k) {
                                reached++;
                                if (k > 1) {
                                    fromPrevious.add(
                                            (e.times.get(k - 1) - e.times.get(k - 2)) / 1000.0);
                                    fromEntry.add((e.times.get(k - 1) - e.times.get(0)) / 1000.0);
                                }
                            }
                        }
                        long entered = cellEpisodes.size();
                        Double previousMedian = quantileExact(fromPrevious, 0.5);
                        Double previousP90 = quantileExact(fromPrevious, 0.9);
                        Double entryMedian = quantileExact(fromEntry, 0.5);
                        Double entryP90 = quantileExact(fromEntry, 0.9);
                        List<String> channelKey =
                                List.of(cell.get(0), cell.get(1), cell.get(2), String.valueOf(k));
                        long[] counts = channelCounts.computeIfAbsent(channelKey, x -> new long[3]);
                        double[] times =
                                channelTimes.computeIfAbsent(channelKey, x -> new double[4]);
                        counts[0] += entered;
                        counts[1] += reached;
                        if (entryMedian != null) {
                            counts[2] += reached;
                            times[0] += previousMedian * reached;
                            times[1] += previousP90 * reached;
                            times[2] += entryMedian * reached;
                            times[3] += entryP90 * reached;
                        }
                        long[] agent =
                                agents.computeIfAbsent(
                                        List.of(cell.get(0), cell.get(3)),
                                        x -> new long[steps.size() + 1]);
                        if (k == 1) {
                            agent[0] += entered;
                        }
                        agent[k] += reached;
                        sink.row(
                                TrafficTable.FUNNEL_STATS,
                                new Object[] {
                                    tenant,
                                    CommerceGenerator.FUNNEL_ID,
                                    CommerceGenerator.FUNNEL_NAME,
                                    LocalDate.parse(cell.get(0)),
                                    k,
                                    steps.get(k - 1),
                                    cell.get(1),
                                    cell.get(2),
                                    cell.get(3),
                                    entered,
                                    reached,
                                    (double) reached / entered,
                                    previousMedian,
                                    previousP90,
                                    entryMedian,
                                    entryP90,
                                    version,
                                    Instant.ofEpochMilli(version)
                                });
                    }
                });
        channelCounts.forEach(
                (key, counts) -> {
                    double[] times = channelTimes.get(key);
                    int step = Integer.parseInt(key.get(3));
                    sink.row(
                            TrafficTable.FUNNEL_CHANNEL_DAYS,
                            new Object[] {
                                tenant,
                                CommerceGenerator.FUNNEL_ID,
                                CommerceGenerator.FUNNEL_NAME,
                                LocalDate.parse(key.get(0)),
                                step,
                                steps.get(step - 1),
                                key.get(1),
                                key.get(2),
                                counts[0],
                                counts[1],
                                counts[2],
                                times[0],
                                times[1],
                                times[2],
                                times[3],
                                version,
                                Instant.ofEpochMilli(version)
                            });
                });
        agents.forEach(
                (key, counts) -> {
                    List<Long> reached = new ArrayList<>();
                    for (int k = 1; k < counts.length; k++) {
                        reached.add(counts[k]);
                    }
                    sink.row(
                            TrafficTable.FUNNEL_AGENT_DAYS,
                            new Object[] {
                                tenant,
                                CommerceGenerator.FUNNEL_ID,
                                CommerceGenerator.FUNNEL_NAME,
                                LocalDate.parse(key.get(0)),
                                key.get(1),
                                counts[0],
                                reached,
                                version,
                                Instant.ofEpochMilli(version)
                            });
                });
    }

    /** ClickHouse quantileExact: the sorted value at index floor(level × n); null for none. */
    static Double quantileExact(List<Double> values, double level) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(level * sorted.size())));
    }

    private static int compare(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static LocalDate day(long t) {
        return Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
