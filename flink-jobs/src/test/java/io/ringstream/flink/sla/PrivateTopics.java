package io.ringstream.flink.sla;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.TopicInstaller;
import java.util.List;

/**
 * The registry's topics under names of one test's own, installed on the shared broker. Event time
 * is global to a job: a test reading the shared topics from the earliest offset would see other
 * tests' events (and, worse, move their watermarks with a day of its own traffic).
 */
public record PrivateTopics(
        Topic<ContactEvent> contacts,
        Topic<InteractionEvent> interactions,
        Topic<AgentEvent> agents,
        Topic<SlaPolicy> policies,
        Topic<SlaEvent> slaEvents,
        Topic<SupervisorAlert> alerts,
        Topic<DeadLetter> deadLetters) {

    public static PrivateTopics install(String bootstrapServers, String suffix) {
        PrivateTopics topics =
                new PrivateTopics(
                        renamed(Topics.CONTACT_EVENTS, suffix),
                        renamed(Topics.INTERACTIONS, suffix),
                        renamed(Topics.AGENT_EVENTS, suffix),
                        renamed(Topics.SLA_POLICIES, suffix),
                        renamed(Topics.SLA_EVENTS, suffix),
                        renamed(Topics.SUPERVISOR_ALERTS, suffix),
                        renamed(Topics.DEAD_LETTERS, suffix));
        TopicInstaller.install(bootstrapServers, topics.all());
        return topics;
    }

    public List<Topic<?>> all() {
        return List.of(contacts, interactions, agents, policies, slaEvents, alerts, deadLetters);
    }

    private static <T> Topic<T> renamed(Topic<T> topic, String suffix) {
        return new Topic<>(
                topic.name() + "-" + suffix,
                topic.partitions(),
                topic.retention(),
                topic.serde(),
                topic.key());
    }
}
