package io.ringstream.customers.model;

/**
 * Where a lead is on its way to a sale. Stages are ordered; a lead only moves forward, may skip
 * stages (a walk-in books without a quote), and may be lost from any stage before it is paid.
 *
 * <pre>
 * NEW → CONTACTED → QUALIFIED → QUOTED → BOOKED → PAID
 *   └──────────┴──────────┴──────────┴────────┴──→ LOST (with a reason)
 * </pre>
 *
 * PAID and LOST are final: a lost customer who comes back is a new lead, so the funnel counts the
 * second attempt as one. BOOKED and PAID are won.
 */
public enum LeadStage {
    NEW,
    CONTACTED,
    QUALIFIED,
    QUOTED,
    BOOKED,
    PAID,
    LOST;

    /** Whether a lead in this stage may move to {@code next}: forward only, never to itself. */
    public boolean canMoveTo(LeadStage next) {
        if (next == null || next == this || isFinal()) {
            return false;
        }
        return next == LOST || next.ordinal() > ordinal();
    }

    /** No move out of it: PAID or LOST. */
    public boolean isFinal() {
        return this == PAID || this == LOST;
    }

    /** Still being worked, before anything is booked: what a screen-pop lists as open. */
    public boolean isOpen() {
        return ordinal() < BOOKED.ordinal();
    }

    /** Booked or paid. */
    public boolean isWon() {
        return this == BOOKED || this == PAID;
    }
}
