package io.ringstream.sentiment;

/** Where an utterance's language came from, so analysts can tell detection errors from data. */
public enum LanguageSource {
    /** The producer said so (the event's language field). */
    GIVEN,
    /** The language detector decided. */
    DETECTED,
    /** Neither: the text gave too little evidence. */
    UNDETERMINED
}
