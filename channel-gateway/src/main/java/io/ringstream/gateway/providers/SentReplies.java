package io.ringstream.gateway.providers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The outcomes of the last N replies sent, by reply identity, so that a reply the desktop sends
 * again (a reconnect, a double click) joins the first send's outcome instead of reaching the
 * customer twice. Bounded: the least recently asked-for reply is forgotten first; a resend older
 * than the last N replies is sent again. An entry lives from its first send until N newer replies
 * push it out. Thread-safe.
 */
final class SentReplies {
    private final int capacity;
    private final LinkedHashMap<String, CompletableFuture<SendOutcome>> outcomes;

    SentReplies(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.outcomes =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(
                            Map.Entry<String, CompletableFuture<SendOutcome>> eldest) {
                        return size() > SentReplies.this.capacity;
                    }
                };
    }

    /**
     * The outcome remembered for {@code key}, or the one {@code send} starts (called at most once
     * per remembered key, outside no lock it could deadlock on: it only starts asynchronous work).
     */
    CompletableFuture<SendOutcome> once(String key, Supplier<CompletableFuture<SendOutcome>> send) {
        CompletableFuture<SendOutcome> mine;
        synchronized (this) {
            CompletableFuture<SendOutcome> known = outcomes.get(key);
            if (known != null) {
                return known;
            }
            mine = new CompletableFuture<>();
            outcomes.put(key, mine);
        }
        send.get()
                .whenComplete(
                        (outcome, error) ->
                                mine.complete(
                                        outcome != null
                                                ? outcome
                                                : new SendOutcome.Failed(
                                                        "internal error: " + error)));
        return mine;
    }

    synchronized int size() {
        return outcomes.size();
    }
}
