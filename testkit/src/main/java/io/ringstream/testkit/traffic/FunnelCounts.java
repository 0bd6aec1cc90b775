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
 * those that got to the step, times by ClickHouse's {@code quantileExact} (no interpolation).
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
                                    quantileExact(fromPrevious, 0.5),
                                    quantileExact(fromPrevious, 0.9),
                                    quantileExact(fromEntry, 0.5),
                                    quantileExact(fromEntry, 0.9),
                                    version,
                                    Instant.ofEpochMilli(version)
                                });
                    }
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
