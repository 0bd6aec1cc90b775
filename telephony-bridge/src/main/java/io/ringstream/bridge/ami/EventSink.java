package io.ringstream.bridge.ami;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import java.util.concurrent.CompletableFuture;

/**
 * Where the bridge's output goes: Kafka in production ({@link #kafka}); the seam lets tests hold
 * the worker still to exercise the hand-off queue. Futures complete when the output is durable.
 */
interface EventSink {
    CompletableFuture<?> contact(ContactEvent event);

    CompletableFuture<?> agent(AgentEvent event);

    CompletableFuture<?> deadLetter(DeadLetter letter);

    void flush();

    /** Publishes to the registry's topics through {@code publisher}. */
    static EventSink kafka(EventPublisher publisher) {
        return new EventSink() {
            @Override
            public CompletableFuture<?> contact(ContactEvent event) {
                return publisher.publish(Topics.CONTACT_EVENTS, event);
            }

            @Override
            public CompletableFuture<?> agent(AgentEvent event) {
                return publisher.publish(Topics.AGENT_EVENTS, event);
            }

            @Override
            public CompletableFuture<?> deadLetter(DeadLetter letter) {
                return publisher.publishDeadLetter(letter);
            }

            @Override
            public void flush() {
                publisher.flush();
            }
        };
    }
}
