package io.ringstream.launcher;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.pbxsim.SimulatorSink;

/** Sends the simulator's chat traffic to Kafka, as the web chat gateway would. */
final class KafkaSimulatorSink implements SimulatorSink {
    private final EventPublisher publisher;

    KafkaSimulatorSink(EventPublisher publisher) {
        this.publisher = publisher;
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
