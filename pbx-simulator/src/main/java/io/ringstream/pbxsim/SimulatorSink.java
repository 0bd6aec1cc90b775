package io.ringstream.pbxsim;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.pbxsim.traffic.Emission;

/**
 * Where the simulator's non-voice traffic (chat contacts, chat agents, chat messages) goes; voice
 * goes over AMI instead. The launcher wires it to Kafka, tests to a list. Called from the
 * simulator's single playback thread, in event-time order.
 */
public interface SimulatorSink {
    void contact(ContactEvent event);

    void agent(AgentEvent event);

    void interaction(InteractionEvent event);

    /** A voice call ended (its AMI frames went out before); what a CRM would hear of it. */
    default void callEnded(Emission.CallEnded call) {}
}
