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
}
