package io.ringstream.events;

/** The medium a contact arrives on; routing capacity and SLA policies differ per channel. */
public enum Channel {
    VOICE,
    CHAT,
    MESSAGING,
    EMAIL,
    CALLBACK,
    /** A support ticket from a help desk; first response and resolution clocks, like email. */
    TICKET
}
