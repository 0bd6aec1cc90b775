package io.ringstream.routing.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * One ring of a queue's routing criteria, applied while a contact has waited less than the sum of
 * the durations up to and including this step (Amazon Connect steps, Genesys bullseye rings,
 * TaskRouter workflow targets).
 *
 * @param duration how long the step applies; null means until the contact is answered
 * @param minProficiency every required skill needs at least this level (and at least the contact's
 *     own minimum); 0 keeps the contact's minimums
 * @param anyAgentOfQueue when true skills are dropped: any agent of the eligible queues who speaks
 *     the language will do
 * @param overflowQueues queues whose agents become eligible from this step on (cumulative: later
 *     steps keep the overflow of earlier ones)
 */
public record RoutingStep(
        Duration duration, int minProficiency, boolean anyAgentOfQueue, List<String> overflowQueues)
        implements Serializable {

    public RoutingStep {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("a step's duration must be positive or null");
        }
        Checks.range(minProficiency, 0, 5, "minProficiency");
        overflowQueues = Checks.list(overflowQueues);
    }

    /** Requires proficiency >= {@code min} on every required skill for {@code duration}. */
    public static RoutingStep atLeast(int min, Duration duration) {
        return new RoutingStep(duration, min, false, List.of());
    }

    /** The contact's own requirements, until answered. */
    public static RoutingStep contactRequirements() {
        return new RoutingStep(null, 0, false, List.of());
    }

    /** Any agent of the queue, until answered. */
    public static RoutingStep anyAgent() {
        return new RoutingStep(null, 0, true, List.of());
    }

    public RoutingStep withOverflow(String... queues) {
        return new RoutingStep(duration, minProficiency, anyAgentOfQueue, List.of(queues));
    }
}
