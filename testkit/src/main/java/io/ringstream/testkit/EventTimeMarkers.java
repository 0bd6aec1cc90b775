package io.ringstream.testkit;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.topics.Topic;
import java.util.HashSet;
import java.util.Set;

/**
 * Moves a job's event time deterministically: one event at {@code at} on every partition of the
 * contact and agent topics, in a queue of its own. A partition's watermark follows the newest event
 * it saw, and a silent one never moves past it while that event is ahead of the wall clock, so
 * without an event on each one, a partition with an earlier event holds event time back.
 */
public final class EventTimeMarkers {
    /** The queue the markers are counted in; assert on other queues. */
    public static final String QUEUE = "markers";

    private EventTimeMarkers() {}

    /**
     * @return how many contact events were written (they are archived like any other)
     */
    public static int pushPast(
            KafkaExtension kafka,
            Topic<ContactEvent> contacts,
            Topic<AgentEvent> agents,
            String tenant,
            long at) {
        Set<Integer> covered = new HashSet<>();
        int written = 0;
        for (int i = 0; covered.size() < contacts.partitions(); i++, written++) {
            ContactEvent marker = TestEvents.queued(tenant, "marker-" + at + "-" + i, QUEUE, at);
            covered.add(kafka.produce(contacts, marker).partition());
        }
        covered.clear();
        for (int i = 0; covered.size() < agents.partitions(); i++) {
            AgentEvent marker =
                    TestEvents.agent(
                            tenant, "marker-" + at + "-" + i, AgentEventType.READY, QUEUE, at);
            covered.add(kafka.produce(agents, marker).partition());
        }
        return written;
    }
}
