package io.ringstream.pbxsim.traffic;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.pbxsim.ami.AmiFrame;

/** One thing the model emits at a simulated instant: an AMI frame for voice, events for chat. */
public sealed interface Emission {
    /** Simulated epoch microseconds. */
    long atMicros();

    record Voice(long atMicros, AmiFrame frame) implements Emission {}

    record Contact(long atMicros, ContactEvent event) implements Emission {}

    record AgentState(long atMicros, AgentEvent event) implements Emission {}

    record Interaction(long atMicros, InteractionEvent event) implements Emission {}

    /**
     * A voice call left the queue: answered and completed, or abandoned. Not an AMI frame: what a
     * booking system would learn about the caller afterwards (the launcher's demo turns returning
     * callers into leads, bookings and payments).
     *
     * @param contactId the call's Uniqueid, the contact id the bridge gives its events
     */
    record CallEnded(
            long atMicros, String queue, String callerNumber, String contactId, boolean answered)
            implements Emission {}
}
