package io.ringstream.routing.core;

/**
 * The state an agent shows on the wallboard, derived from presence and work in this order: OFFLINE,
 * WRAP_UP, RESERVED (an offer is pending), BUSY (a contact is active), NOT_READY, AVAILABLE. A
 * NOT_READY agent still finishing a contact shows BUSY and turns NOT_READY when it ends.
 */
public enum AgentState {
    OFFLINE,
    AVAILABLE,
    RESERVED,
    BUSY,
    WRAP_UP,
    NOT_READY
}
