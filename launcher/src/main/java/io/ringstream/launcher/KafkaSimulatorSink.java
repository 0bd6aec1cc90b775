package io.ringstream.launcher;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.pbxsim.SimulatorSink;
import io.ringstream.pbxsim.traffic.Emission;
import java.util.function.Consumer;

/**
 * Sends the simulator's chat traffic to Kafka, as the web chat gateway would, and its ended voice
 * calls to the demo's booking system.
 */
final class KafkaSimulatorSink implements SimulatorSink {
    private final EventPublisher publisher;
    private final Consumer<Emission.CallEnded> endedCalls;

    KafkaSimulatorSink(EventPublisher publisher, Consumer<Emission.CallEnded> endedCalls) {
        this.publisher = publisher;
        this.endedCalls = endedCalls;
    }

    @Override
    public void callEnded(Emission.CallEnded call) {
        endedCalls.accept(call);
    }

    @Override
    public void contact(ContactEvent event) {
        publisher.publish(Topics.CONTACT_EVENTS, event);
    }

    @Override
    public void agent(AgentEvent event) {
        publisher.publish(Topics.AGENT_EVENTS, event);
    }

    @Override
    public void interaction(InteractionEvent event) {
        publisher.publish(Topics.INTERACTIONS, event);
    }
}
