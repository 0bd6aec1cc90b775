package io.ringstream.analytics.sla.clock;

import java.io.Serializable;
import java.time.Duration;

/**
 * The SLA job's own knobs, apart from policies.
 *
 * @param shortAbandon customers who give up sooner are short abandons, excluded from service level
 *     (default 5 s)
 * @param lingerAfterEnd a contact's clock state outlives its ENDED this long in event time, so a
 *     wrap-up still running and re-delivered events are handled (default 15 min)
 * @param inactivity a subject whose clocks are all due and that sends nothing for this long is
 *     forgotten; its open clocks are cancelled as {@code expired} (default 8 h)
 */
public record SlaSettings(Duration shortAbandon, Duration lingerAfterEnd, Duration inactivity)
        implements Serializable {

    public static final SlaSettings DEFAULT =
            new SlaSettings(Duration.ofSeconds(5), Duration.ofMinutes(15), Duration.ofHours(8));

    public SlaSettings {
        if (shortAbandon == null || shortAbandon.isNegative()) {
            throw new IllegalArgumentException("shortAbandon must be >= 0");
        }
        if (lingerAfterEnd == null || lingerAfterEnd.isNegative()) {
            throw new IllegalArgumentException("lingerAfterEnd must be >= 0");
        }
        if (inactivity == null || inactivity.isNegative() || inactivity.isZero()) {
            throw new IllegalArgumentException("inactivity must be > 0");
        }
    }
}
