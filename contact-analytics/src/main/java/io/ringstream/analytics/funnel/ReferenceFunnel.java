package io.ringstream.analytics.funnel;

import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.RingstreamEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The oracle for the tracker where ClickHouse has none (STRICT; windowFunnel on 18.16 has no strict
 * mode): the furthest step of one customer computed from all of their events at once, by trying
 * every step-1 event as a start and walking forward. Quadratic and deliberately naive, so it shares
 * no idea with {@link FunnelTracker} beyond the rules in docs/funnels.md.
 */
public final class ReferenceFunnel {

    private ReferenceFunnel() {}

    /**
     * The furthest step (0..steps) one customer reached in any attempt. Events are sorted by event
     * time; equal times keep the order given (the sort is stable).
     */
    public static int furthestStep(
            FunnelDefinition funnel, List<? extends RingstreamEvent> events) {
        List<RingstreamEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(RingstreamEvent::eventTime));
        int steps = funnel.steps().size();
        boolean strict = funnel.orderMode() == OrderMode.STRICT;
        int best = 0;
        for (int start = 0; start < sorted.size(); start++) {
            if (!isStep(funnel, sorted.get(start), 0)) {
                continue;
            }
            long deadline = sorted.get(start).eventTime() + funnel.windowMillis();
            int reached = 1;
            for (int i = start + 1; i < sorted.size() && reached < steps; i++) {
                RingstreamEvent e = sorted.get(i);
                if (e.eventTime() > deadline) {
                    break;
                }
                if (isStep(funnel, e, reached)) {
                    reached++;
                } else if (strict
                        && !isStep(funnel, e, reached - 1)
                        && StepMatcher.matches(funnel, e).length > 0) {
                    break;
                }
            }
            best = Math.max(best, reached);
        }
        return best;
    }

    private static boolean isStep(FunnelDefinition funnel, RingstreamEvent e, int step) {
        return StepMatcher.matches(funnel.steps().get(step), e);
    }
}
