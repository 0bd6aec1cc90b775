package io.ringstream.routing.core;

/** Why a contact left routing's state. */
public enum RemovalReason {
    /** The customer left before an agent accepted. */
    ABANDONED,
    /** The PBX ended it before an agent accepted (e.g. sent to voicemail). */
    ENDED_UNANSWERED,
    /** An agent handled it and it ended. */
    COMPLETED,
    /** Its agent handed it on; it waits again under the same id, in its new queue. */
    TRANSFERRED
}
