package io.ringstream.routing.core;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * How one queue routes: its relaxing steps, the agent-selection strategy, how long an offer rings
 * before it times out, the wrap-up after each contact, and after how many consecutive unanswered
 * offers an agent is set not ready (0: never).
 */
public record QueuePolicy(
        String queue,
        List<RoutingStep> steps,
        Strategy strategy,
        Duration offerTimeout,
        Duration wrapUp,
        int maxConsecutiveMisses)
        implements Serializable {

    public QueuePolicy {
        Checks.id(queue, "queue");
        steps = Checks.list(steps);
        if (steps.isEmpty()) {
            steps = List.of(RoutingStep.contactRequirements());
        }
        for (int i = 0; i < steps.size() - 1; i++) {
            if (steps.get(i).duration() == null) {
                throw new IllegalArgumentException(
                        "only the last step may last until answered (step " + i + ")");
            }
        }
        if (strategy == null) {
            throw new IllegalArgumentException("strategy must not be null");
        }
        if (offerTimeout == null || offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new IllegalArgumentException("offerTimeout must be positive");
        }
        if (wrapUp == null || wrapUp.isNegative()) {
            throw new IllegalArgumentException("wrapUp must be >= 0");
        }
        if (maxConsecutiveMisses < 0) {
            throw new IllegalArgumentException("maxConsecutiveMisses must be >= 0");
        }
    }

    /** BEST_FIT on the contact's own requirements, 20 s offers, no wrap-up, not ready after 3. */
    public static QueuePolicy simple(String queue) {
        return new QueuePolicy(
                queue, List.of(), Strategy.BEST_FIT, Duration.ofSeconds(20), Duration.ZERO, 3);
    }

    public QueuePolicy withSteps(RoutingStep... newSteps) {
        return new QueuePolicy(
                queue, List.of(newSteps), strategy, offerTimeout, wrapUp, maxConsecutiveMisses);
    }

    public QueuePolicy withStrategy(Strategy newStrategy) {
        return new QueuePolicy(
                queue, steps, newStrategy, offerTimeout, wrapUp, maxConsecutiveMisses);
    }

    public QueuePolicy withOfferTimeout(Duration timeout) {
        return new QueuePolicy(queue, steps, strategy, timeout, wrapUp, maxConsecutiveMisses);
    }

    public QueuePolicy withWrapUp(Duration newWrapUp) {
        return new QueuePolicy(
                queue, steps, strategy, offerTimeout, newWrapUp, maxConsecutiveMisses);
    }

    public QueuePolicy withMaxConsecutiveMisses(int misses) {
        return new QueuePolicy(queue, steps, strategy, offerTimeout, wrapUp, misses);
    }

    /**
     * The step that applies after {@code waitedMillis}. When every step has a duration and all have
     * run out, the index is {@code steps().size()}: the implicit last ring, any agent of the queue
     * (as Amazon Connect does when routing criteria expire).
     */
    public int stepIndexAt(long waitedMillis) {
        long end = 0;
        for (int i = 0; i < steps.size(); i++) {
            Duration d = steps.get(i).duration();
            if (d == null) {
                return i;
            }
            end += d.toMillis();
            if (waitedMillis < end) {
                return i;
            }
        }
        return steps.size();
    }

    /** The step at {@code index}, including the implicit any-agent ring after the last. */
    public RoutingStep step(int index) {
        return index < steps.size() ? steps.get(index) : RoutingStep.anyAgent();
    }

    /** Wait in millis at which step {@code index} ends, or -1 if it lasts until answered. */
    public long stepEndsAfter(int index) {
        if (index >= steps.size()) {
            return -1;
        }
        long end = 0;
        for (int i = 0; i <= index; i++) {
            Duration d = steps.get(i).duration();
            if (d == null) {
                return -1;
            }
            end += d.toMillis();
        }
        return end;
    }
}
