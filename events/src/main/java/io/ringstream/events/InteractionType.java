package io.ringstream.events;

/**
 * What an interaction is: a conversation turn (a typed chat message or a transcribed speech
 * segment), or a provider's delivery receipt for one of our messages, which is not a turn.
 */
public enum InteractionType {
    CHAT_MESSAGE,
    TRANSCRIPT_SEGMENT,
    /**
     * A messaging provider's report that a message we sent was sent, delivered, read or failed
     * (attribute {@code status}). Not a conversation turn: it has no text, the SLA clocks and the
     * sentiment job skip it (docs/channels.md, "Delivery receipts as events").
     */
    DELIVERY_RECEIPT;

    /** Whether this is something a participant said or wrote (the SLA clocks and sentiment). */
    public boolean isTurn() {
        return this != DELIVERY_RECEIPT;
    }
}
