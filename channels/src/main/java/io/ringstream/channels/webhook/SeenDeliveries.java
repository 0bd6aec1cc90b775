package io.ringstream.channels.webhook;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last N delivery keys a webhook endpoint processed, because Meta retries a delivery
 * it did not see acknowledged (and sometimes one it did), so the same message or status arrives
 * more than once. Bounded: the least recently seen key is forgotten first, so memory stays fixed
 * however long the endpoint runs; a retry older than the last N deliveries is not caught here.
 *
 * <p>Keys come from {@link InboundMessage#dedupeKey()} and {@link DeliveryStatus#dedupeKey()}.
 * Thread-safe: a webhook endpoint's requests arrive concurrently.
 */
public final class SeenDeliveries {
    private final int capacity;
    private final LinkedHashMap<String, Boolean> seen;

    /** Remembers up to {@code capacity} keys. */
    public SeenDeliveries(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.seen =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                        return size() > SeenDeliveries.this.capacity;
                    }
                };
    }

    /**
     * True when {@code key} is new (and remembers it); false when it was seen among the last {@code
     * capacity} keys (and marks it recently seen again, so a key that keeps being retried stays
     * remembered).
     */
    public synchronized boolean firstSeen(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a delivery key must not be empty");
        }
        return seen.put(key, Boolean.TRUE) == null;
    }

    /** How many keys are remembered now (at most the capacity). */
    public synchronized int size() {
        return seen.size();
    }

    /** The most keys this remembers. */
    public int capacity() {
        return capacity;
    }
}
