package io.ringstream.gateway.events;

import io.ringstream.events.topics.Topic;

/**
 * Where the hub puts its events: the {@link EventHandOff} in the gateway, a recording list in unit
 * tests. {@code publish} never blocks and never throws.
 */
public interface EventSink {

    <T> void publish(Topic<T> topic, T value);
}
