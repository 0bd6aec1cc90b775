package io.ringstream.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.kafka.EventPublisher;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the gateway's events on Kafka without ever blocking a Netty event loop: callers hand an
 * event over and return; one thread calls the publisher (whose {@code send} may block up to its
 * max.block.ms for metadata), in hand-over order, so a contact's events keep their order. A failed
 * send is retried with backoff ({@link #ATTEMPTS} in all), then logged and counted in {@code
 * ringstream.gateway.publish.failures}; nothing is thrown to the caller. Delivery is at least once:
 * ids are stable, the sinks drop repeats. State: only the queue of events not yet handed to the
 * producer, lost if the process dies (docs/channels.md, "Delivery guarantees").
 */
public final class EventHandOff implements EventSink, AutoCloseable {
    static final int ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(EventHandOff.class);

    private final EventPublisher publisher;
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(r -> daemon(r, "gateway-kafka-handoff"));
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "gateway-kafka-retry"));
    private final Counter failures;

    public EventHandOff(EventPublisher publisher, MeterRegistry metrics) {
        this.publisher = publisher;
        this.failures = metrics.counter("ringstream.gateway.publish.failures");
    }

    /** Publishes {@code value} to {@code topic}, eventually; never blocks, never throws. */
    @Override
    public <T> void publish(Topic<T> topic, T value) {
        submit(() -> attempt(topic, value, 1));
    }

    /** Publishes a rejected input to the dead-letter topic, the same way. */
    public void deadLetter(DeadLetter deadLetter) {
        publish(Topics.DEAD_LETTERS, deadLetter);
    }

    private <T> void attempt(Topic<T> topic, T value, int attempt) {
        publisher
                .publish(topic, value)
                .whenComplete(
                        (metadata, error) -> {
                            if (error == null) {
                                return;
                            }
                            if (attempt >= ATTEMPTS) {
                                failures.increment();
                                LOG.error(
                                        "Gave up publishing to {} after {} attempts: {}",
                                        topic.name(),
                                        attempt,
                                        value,
                                        error);
                                return;
                            }
                            LOG.warn(
                                    "Publishing to {} failed (attempt {}), retrying: {}",
                                    topic.name(),
                                    attempt,
                                    error.toString());
                            try {
                                retries.schedule(
                                        () -> submit(() -> attempt(topic, value, attempt + 1)),
                                        200L << attempt,
                                        TimeUnit.MILLISECONDS);
                            } catch (RejectedExecutionException closing) {
                                failures.increment();
                            }
                        });
    }

    private void submit(Runnable task) {
        try {
            sender.execute(
                    () -> {
                        try {
                            task.run();
                        } catch (RuntimeException e) {
                            failures.increment();
                            LOG.error("Publishing failed", e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            failures.increment();
            LOG.warn("Event dropped: the gateway is closing");
        }
    }

    /** Sends what was handed over, waits for the producer's acknowledgements. */
    @Override
    public void close() {
        retries.shutdownNow();
        sender.shutdown();
        try {
            sender.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.flush();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
