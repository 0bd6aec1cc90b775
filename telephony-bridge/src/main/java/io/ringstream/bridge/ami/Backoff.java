package io.ringstream.bridge.ami;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with jitter for AMI login retries: a PBX that is down or rebooting is not
 * hammered, and several bridges do not retry in lockstep. Reset after a successful login.
 */
final class Backoff {
    private final long minMillis;
    private final long maxMillis;
    private final Random jitter;
    private int attempts;

    Backoff(Duration min, Duration max, Random jitter) {
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.jitter = jitter;
    }

    /** The delay before the next attempt: min·2^n capped at max, then ±20 %. */
    Duration next() {
        double base = Math.min(maxMillis, minMillis * Math.pow(2, Math.min(attempts, 30)));
        attempts++;
        double factor = 0.8 + 0.4 * jitter.nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(base * factor)));
    }

    void reset() {
        attempts = 0;
    }
}
