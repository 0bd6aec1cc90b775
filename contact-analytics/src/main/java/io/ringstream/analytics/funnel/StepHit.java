package io.ringstream.analytics.funnel;

import io.ringstream.events.FunnelDefinition.Attribution;
import java.util.Map;

/**
 * One step a customer reached in an attempt, with the contact each attribution rule credits, so
 * {@code funnel_progress} and the breakdowns can be written without the events again.
 *
 * @param step 0-based index in the funnel's steps
 * @param time the step event's event time, epoch millis
 * @param campaign the {@code campaign} attribute of the customer's latest {@code LEAD_CREATED} at
 *     or before the step; null when none is known
 * @param credits the credited contact under each rule; a rule is absent when no contact qualifies
 */
public record StepHit(
        int step,
        String name,
        long time,
        String eventId,
        String campaign,
        Map<Attribution, Touch> credits) {

    public StepHit {
        credits = Map.copyOf(credits);
    }

    /** The contact credited under {@code rule}, or null. */
    public Touch credited(Attribution rule) {
        return credits.get(rule);
    }
}
