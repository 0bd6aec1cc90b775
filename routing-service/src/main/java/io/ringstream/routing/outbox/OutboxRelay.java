package io.ringstream.routing.outbox;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.routing.config.KafkaProperties;
import io.ringstream.routing.outbox.LeaderConnection.Backlog;
import io.ringstream.routing.outbox.LeaderConnection.OutboxRow;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed {@link Outbox} rows to Kafka in id order and deletes them once Kafka has
 * acknowledged them, so every change committed in PostgreSQL reaches its topic, also after Kafka
 * was down.
 *
 * <p><b>Delivery: at least once, in order per key.</b> A batch of the oldest rows is sent through
 * an idempotent, {@code acks=all} producer (the project's {@link EventPublisher}), and its rows are
 * deleted only after their acknowledgements. When a send fails (broker down, timeout), the
 * acknowledged prefix of the batch is deleted and the rest stays; after a backoff the relay starts
 * again from the first unacknowledged row with a new producer. Nothing is lost, and a key's events
 * are first published in outbox id order (the idempotent producer keeps a partition's records in
 * order while it retries). Repeats happen: a crash between the acknowledgement and the delete, or a
 * row acknowledged after an earlier row of its batch failed, is published again. Repeats carry the
 * same {@code eventId}, and consumers drop them by it (customer snapshots also carry {@code
 * version}).
 *
 * <p><b>One relay across instances.</b> Every instance runs this bean; the one that holds the
 * PostgreSQL advisory lock {@link LeaderConnection#LOCK_KEY} relays, the others ask for it every
 * poll interval. An advisory lock rather than {@code SELECT ... FOR UPDATE SKIP LOCKED}:
 * skip-locked lets several instances publish disjoint batches at once, and two instances sending
 * one key's consecutive rows would race on Kafka and reorder them. The lock is held by the session
 * that also reads and deletes, so if that session dies the lock goes with it and the relay stops
 * deleting.
 *
 * <p><b>Wake-up:</b> it polls every {@code ringstream.outbox.poll-interval} (200 ms) while the
 * outbox is empty, and reads the next batch at once after a full one. <b>Backlog:</b> when the
 * oldest unpublished row is older than {@code ringstream.outbox.backlog-warning}, it logs the
 * backlog as a warning (rows and age), again at that interval while it lasts, and logs when it has
 * drained; {@link #backlogRows()} is the last count seen.
 *
 * <p>Exists only with a database and Kafka ({@code ringstream.kafka.bootstrap}): without Kafka the
 * rows wait in the outbox until an instance with Kafka relays them.
 */
@Context
@Requires(beans = DataSource.class)
@Requires(property = KafkaProperties.BOOTSTRAP)
public class OutboxRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final String bootstrap;
    private final OutboxProperties settings;
    private final RelayBackoff backoff;
    private final Object wakeUp = new Object();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    // Owned by the relay thread; close() only aborts the publisher so a blocked flush returns.
    private volatile EventPublisher publisher;
    private volatile boolean running;
    private volatile boolean leading;
    private volatile long backlogRows = -1;
    private LeaderConnection leader;
    private Instant nextBacklogCheck = Instant.EPOCH;
    private boolean lagging;
    private Thread thread;

    public OutboxRelay(DataSource dataSource, KafkaProperties kafka, OutboxProperties settings) {
        // The pool itself: the relay's session lives outside any transaction or connection scope.
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.bootstrap =
                kafka.getBootstrap()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                KafkaProperties.BOOTSTRAP + " is not set"));
        this.settings = settings;
        this.backoff = new RelayBackoff(settings.getMinBackoff(), settings.getMaxBackoff());
    }

    @PostConstruct
    void start() {
        running = true;
        publisher = newPublisher();
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this instance holds the relay lock. */
    public boolean leading() {
        return leading;
    }

    /** Rows published and deleted since start. */
    public long published() {
        return published.get();
    }

    /** Failed attempts since start (Kafka or PostgreSQL), each followed by a backoff. */
    public long failures() {
        return failures.get();
    }

    /** Unpublished rows when last counted; -1 before the first count. */
    public long backlogRows() {
        return backlogRows;
    }

    /** Stops relaying: rows not yet acknowledged stay in the outbox for the next relay. */
    @PreDestroy
    @Override
    public void close() {
        running = false;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        EventPublisher current = publisher;
        if (current != null) {
            // Fails what is still unsent, so a flush blocked on a dead broker returns now.
            current.close(Duration.ZERO);
        }
        if (thread != null) {
            try {
                thread.join(SHUTDOWN_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (running) {
                cycle();
            }
        } finally {
            resign();
            publisher.close(Duration.ZERO);
        }
    }

    private void cycle() {
        try {
            if (leader == null) {
                leader = LeaderConnection.tryLead(dataSource).orElse(null);
                if (leader == null) {
                    pause(settings.getPollInterval());
                    return;
                }
                leading = true;
                LOG.info("This instance now relays the outbox to Kafka at {}", bootstrap);
            }
            int relayed = relayBatch();
            backoff.reset();
            if (relayed > 0 || lagging) {
                checkBacklog();
            }
            if (relayed < settings.getBatchSize()) {
                pause(settings.getPollInterval());
            }
        } catch (SendFailedException e) {
            failures.incrementAndGet();
            if (!running) {
                return;
            }
            LOG.warn("Outbox relay: Kafka did not acknowledge a batch, retrying: {}", e.reason());
            checkBacklogQuietly();
            // A fresh producer: nothing of the failed attempt's state carries into the retry.
            publisher.close(Duration.ZERO);
            publisher = newPublisher();
            pause(backoff.next());
        } catch (SQLException | RuntimeException e) {
            failures.incrementAndGet();
            if (!running) {
                return;
            }
            LOG.warn("Outbox relay: PostgreSQL failed, giving up the relay lock: {}", e.toString());
            resign();
            pause(backoff.next());
        }
    }

    /**
     * Sends the oldest rows, waits for every acknowledgement, and deletes the acknowledged prefix.
     *
     * @return how many rows were published
     * @throws SendFailedException after deleting the prefix, when a row was not acknowledged
     */
    private int relayBatch() throws SQLException {
        List<OutboxRow> rows = leader.nextBatch(settings.getBatchSize());
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            CompletableFuture<RecordMetadata> send =
                    publisher.publishRaw(row.topic(), row.key(), row.payload());
            sends.add(send);
            if (send.isCompletedExceptionally()) {
                // Refused before sending (no metadata: the broker is unreachable): the rest
                // would be refused too, one max.block.ms each.
                break;
            }
        }
        publisher.flush();
        int acknowledged = 0;
        Throwable failure = null;
        for (CompletableFuture<RecordMetadata> send : sends) {
            failure = failureOf(send);
            if (failure != null) {
                break;
            }
            acknowledged++;
        }
        List<OutboxRow> done = rows.subList(0, acknowledged);
        leader.delete(done);
        published.addAndGet(acknowledged);
        if (acknowledged < rows.size()) {
            throw new SendFailedException(
                    failure == null ? "not sent" : failure.toString(), acknowledged, rows.size());
        }
        return acknowledged;
    }

    /** The send's failure, or null when Kafka acknowledged it. */
    private Throwable failureOf(CompletableFuture<RecordMetadata> send) {
        try {
            // flush() returned, so every send is complete; the timeout only guards that.
            send.get(settings.getSendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private void checkBacklog() throws SQLException {
        Instant now = Instant.now();
        if (now.isBefore(nextBacklogCheck)) {
            return;
        }
        nextBacklogCheck = now.plus(settings.getBacklogWarning());
        Backlog backlog = leader.backlog(now);
        backlogRows = backlog.rows();
        if (backlog.rows() > 0 && backlog.oldest().compareTo(settings.getBacklogWarning()) > 0) {
            lagging = true;
            LOG.warn(
                    "Outbox backlog: {} rows wait for Kafka, the oldest for {} s",
                    backlog.rows(),
                    backlog.oldest().toSeconds());
        } else if (lagging && backlog.oldest().compareTo(settings.getBacklogWarning()) <= 0) {
            lagging = false;
            LOG.info("Outbox backlog drained: {} rows wait", backlog.rows());
        }
    }

    private void checkBacklogQuietly() {
        try {
            checkBacklog();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("cannot count the outbox backlog", e);
        }
    }

    private void resign() {
        leading = false;
        if (leader == null) {
            return;
        }
        try {
            leader.close();
        } catch (SQLException | RuntimeException e) {
            // A broken session: PostgreSQL has released the lock with it.
            LOG.debug("closing the relay's session failed", e);
        }
        leader = null;
    }

    private void pause(Duration duration) {
        synchronized (wakeUp) {
            if (!running) {
                return;
            }
            try {
                wakeUp.wait(Math.max(1, duration.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private EventPublisher newPublisher() {
        long sendTimeout = settings.getSendTimeout().toMillis();
        // delivery.timeout.ms must cover linger.ms (5) plus one request.timeout.ms.
        long requestTimeout = Math.max(100, Math.min(30_000, sendTimeout / 2));
        return EventPublisher.create(
                bootstrap,
                Map.of(
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "routing-service-outbox",
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) Math.max(sendTimeout, requestTimeout + 5 + 1),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        (int) requestTimeout,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        (int) Math.min(EventPublisher.DEFAULT_MAX_BLOCK_MS, sendTimeout)));
    }

    /** A batch Kafka did not wholly acknowledge; its acknowledged prefix is already deleted. */
    private static final class SendFailedException extends RuntimeException {
        private final String reason;

        SendFailedException(String reason, int acknowledged, int sent) {
            super(
                    acknowledged + " of " + sent + " rows acknowledged: " + reason,
                    null,
                    false,
                    false);
            this.reason = acknowledged + " of " + sent + " rows acknowledged: " + reason;
        }

        String reason() {
            return reason;
        }
    }
}
