package io.ringstream.bridge.ami;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps what the bridge outputs in memory; its gate, while closed, holds the worker inside the
 * first contact event so a test can fill the hand-off queue deterministically.
 */
final class RecordingSink implements EventSink {
    final List<ContactEvent> contacts = new CopyOnWriteArrayList<>();
    final List<AgentEvent> agents = new CopyOnWriteArrayList<>();
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate;

    RecordingSink(CountDownLatch gate) {
        this.gate = gate;
    }

    RecordingSink() {
        this(new CountDownLatch(0));
    }

    @Override
    public CompletableFuture<?> contact(ContactEvent event) {
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        contacts.add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> agent(AgentEvent event) {
        agents.add(event);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> deadLetter(DeadLetter letter) {
        deadLetters.add(letter);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}
}
