package io.ringstream.analytics.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.EventKind;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.RingstreamEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which steps of a funnel an event is, so the tracker, the reference and the job's SQL for
 * ClickHouse's windowFunnel share one reading of a step predicate.
 */
public final class StepMatcher {

    private StepMatcher() {}

    /** The indices (ascending, 0-based) of the steps {@code event} matches; empty for none. */
    public static int[] matches(FunnelDefinition funnel, RingstreamEvent event) {
        List<Step> steps = funnel.steps();
        int[] found = new int[steps.size()];
        int n = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (matches(steps.get(i), event)) {
                found[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(found, n);
    }

    /** Whether {@code event} satisfies one step's predicate. */
    public static boolean matches(Step step, RingstreamEvent event) {
        if (event instanceof BusinessEvent b) {
            return step.kind() == EventKind.BUSINESS
                    && b.type() != null
                    && b.type().name().equals(step.eventType())
                    && (step.stage() == null || step.stage().equals(b.stage()))
                    && attributesMatch(step, b.attributes());
        }
        if (event instanceof ContactEvent c) {
            return step.kind() == EventKind.CONTACT
                    && c.type() != null
                    && c.type().name().equals(step.eventType())
                    && attributesMatch(step, c.attributes());
        }
        return false;
    }

    private static boolean attributesMatch(Step step, Map<String, String> attributes) {
        for (Map.Entry<String, String> filter : step.attributes().entrySet()) {
            if (!Objects.equals(filter.getValue(), attributes.get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
