package io.ringstream.routing.core.sim;

import io.ringstream.events.Channel;

/**
 * One stream of simulated contacts: Poisson arrivals at {@code perHour}, on a channel and queue,
 * needing one skill (null: none) in a language (null: any), with a handle-time distribution and
 * exponential caller patience (mean {@code patienceSeconds}; 0 or less: callers never abandon).
 */
public record ContactType(
        String name,
        Channel channel,
        String queue,
        String skill,
        String language,
        double perHour,
        HandleTime handleTime,
        double patienceSeconds) {

    public ContactType {
        if (perHour < 0) {
            throw new IllegalArgumentException("arrival rate must not be negative");
        }
    }

    public boolean abandons() {
        return patienceSeconds > 0;
    }
}
