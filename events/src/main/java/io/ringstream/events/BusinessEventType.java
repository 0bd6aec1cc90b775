package io.ringstream.events;

/** Commercial outcomes that conversion funnels are built from. */
public enum BusinessEventType {
    LEAD_CREATED,
    STAGE_CHANGED,
    BOOKING_MADE,
    PAYMENT_COMPLETED
}
