package io.ringstream.flink.sla.cep;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSignal;
import org.apache.flink.cep.EventComparator;

/**
 * Orders signals of the same millisecond by {@link SignalType} declaration order, so ties are
 * decided by rule rather than by arrival: a clock stopped exactly at its threshold has met it, a
 * zero-length wait starts before it stops, and a re-queue ends the old clock before the new one
 * starts. Signals of equal type keep their arrival order.
 */
public final class SignalOrder implements EventComparator<SlaSignal> {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(SlaSignal a, SlaSignal b) {
        return Integer.compare(a.type().ordinal(), b.type().ordinal());
    }
}
