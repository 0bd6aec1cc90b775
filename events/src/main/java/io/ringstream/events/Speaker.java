package io.ringstream.events;

/** Who said a turn; sentiment alerts look at the customer's turns. */
public enum Speaker {
    CUSTOMER,
    AGENT,
    BOT
}
