package io.ringstream.analytics.sla.clock;

/**
 * What a {@link SlaSignal} says about a clock. The declaration order is the order in which signals
 * of the same millisecond are matched (see {@code SignalOrder}): a re-queue first ends the old
 * clock, a clock starts before it can stop, and a clock that stops exactly at its threshold has met
 * it.
 */
public enum SignalType {
    /** Ends a running clock because a new one of the same kind starts now (re-queued). */
    SUPERSEDE,
    /** A clock starts; carries its id, policy and threshold. */
    START,
    /** The running clock stopped with the promised service (answered, replied, resumed...). */
    STOP,
    /** The running clock stopped without it (abandoned, hung up, expired). */
    CANCEL,
    /** A clock's warning time has come (emitted by a timer). */
    WARNING_DUE,
    /** A clock's threshold has passed (emitted by a timer). */
    BREACH_DUE
}
