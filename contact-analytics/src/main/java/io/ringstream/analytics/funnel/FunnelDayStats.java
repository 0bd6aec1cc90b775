package io.ringstream.analytics.funnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code funnel_stats} numbers of one funnel's cohort day (the episodes that started on that
 * UTC day), counted from each episode's furthest progress, so the job keeps episodes, not events.
 * Plain Java: the stats operator only stores the episodes and calls {@link #compute}.
 *
 * <p>Per cell and step k (1-based): entered = the cell's episodes; reached = those with at least k
 * steps; over the episodes that reached k, the median and p90 ({@link ExactQuantile}) of the
 * seconds from step k-1 to step k and from step 1 to step k of the attempt that got furthest. Both
 * are null for step 1 (always 0) and when none reached k. A cell that had rows before and has no
 * episodes now (they moved to another cell or were retracted) gets one more set of rows with zeros
 * and nulls, so the table's newest version no longer counts them; after that it is forgotten.
 */
public final class FunnelDayStats {
    private FunnelDayStats() {}

    public static final double MEDIAN = 0.5;
    public static final double P90 = 0.9;

    /**
     * One episode's part in its day.
     *
     * @param stepTimesMillis one per step reached, in order, at least one
     */
    public record Contribution(FunnelCell cell, List<Long> stepTimesMillis) {
        public Contribution {
            Objects.requireNonNull(cell, "cell");
            stepTimesMillis = List.copyOf(stepTimesMillis);
            if (stepTimesMillis.isEmpty()) {
                throw new IllegalArgumentException("an episode reaches at least step 1");
            }
        }

        public int stepsReached() {
            return stepTimesMillis.size();
        }
    }

    /** One row's numbers: cell and 1-based step. */
    public record StepStats(
            FunnelCell cell,
            int step,
            long entered,
            long reached,
            Double fromPreviousMedianSeconds,
            Double fromPreviousP90Seconds,
            Double fromEntryMedianSeconds,
            Double fromEntryP90Seconds) {}

    /**
     * @param rows every step of every current cell, then the zero rows of the emptied cells; sorted
     *     by cell, then step
     * @param cells the cells with episodes now: what to pass as {@code written} next time
     */
    public record Result(List<StepStats> rows, Set<FunnelCell> cells) {}

    /**
     * @param stepCount the funnel's steps; an episode reporting more is counted up to this many
     * @param episodes the day's current episodes
     * @param written the cells the previous computation of this day returned
     */
    public static Result compute(
            int stepCount, Collection<Contribution> episodes, Set<FunnelCell> written) {
        if (stepCount < 1) {
            throw new IllegalArgumentException("stepCount must be at least 1, got " + stepCount);
        }
        Map<FunnelCell, List<Contribution>> byCell = new TreeMap<>();
        for (Contribution e : episodes) {
            byCell.computeIfAbsent(e.cell(), c -> new ArrayList<>()).add(e);
        }
        Set<FunnelCell> all = new TreeSet<>(byCell.keySet());
        all.addAll(written);
        List<StepStats> rows = new ArrayList<>();
        for (FunnelCell cell : all) {
            List<Contribution> inCell = byCell.getOrDefault(cell, List.of());
            for (int step = 1; step <= stepCount; step++) {
                rows.add(step(cell, step, inCell));
            }
        }
        return new Result(List.copyOf(rows), Set.copyOf(byCell.keySet()));
    }

    private static StepStats step(FunnelCell cell, int step, List<Contribution> inCell) {
        int k = step - 1;
        double[] fromPrevious = new double[inCell.size()];
        double[] fromEntry = new double[inCell.size()];
        int reached = 0;
        for (Contribution e : inCell) {
            if (e.stepsReached() > k) {
                List<Long> t = e.stepTimesMillis();
                if (k > 0) {
                    fromPrevious[reached] = seconds(t.get(k) - t.get(k - 1));
                    fromEntry[reached] = seconds(t.get(k) - t.get(0));
                }
                reached++;
            }
        }
        if (k == 0 || reached == 0) {
            return new StepStats(cell, step, inCell.size(), reached, null, null, null, null);
        }
        double[] prev = Arrays.copyOf(fromPrevious, reached);
        double[] entry = Arrays.copyOf(fromEntry, reached);
        return new StepStats(
                cell,
                step,
                inCell.size(),
                reached,
                ExactQuantile.of(prev, MEDIAN),
                ExactQuantile.of(prev, P90),
                ExactQuantile.of(entry, MEDIAN),
                ExactQuantile.of(entry, P90));
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
