package io.ringstream.routing.outbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter between the relay's attempts after Kafka or PostgreSQL failed, so
 * a broker coming back is not hammered by every instance at once. The same shape as the bridge's
 * AMI backoff (min·2^n capped at max, ±20 %); reset by a successful batch.
 */
final class RelayBackoff {
    private final long minMillis;
    private final long maxMillis;
    private int attempts;

    RelayBackoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** The pause before the next attempt. */
    Duration next() {
        double base = Math.min(maxMillis, minMillis * Math.pow(2, Math.min(attempts, 30)));
        attempts++;
        double factor = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
    }

    void reset() {
        attempts = 0;
    }
}
