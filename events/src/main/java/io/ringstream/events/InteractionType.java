package io.ringstream.events;

/** What a conversation turn is: a typed chat message or a transcribed speech segment. */
public enum InteractionType {
    CHAT_MESSAGE,
    TRANSCRIPT_SEGMENT
}
