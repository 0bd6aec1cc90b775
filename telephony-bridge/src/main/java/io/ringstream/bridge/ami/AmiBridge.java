package io.ringstream.bridge.ami;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.bridge.ContactCustomers;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;
import io.ringstream.kafka.EventPublisher;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to a PBX over AMI with Asterisk-Java and publishes what happens to contacts and agents
 * to Kafka, so everything downstream sees Asterisk through Ringstream events only.
 *
 * <p><b>Threads.</b> Asterisk-Java calls the listener on its event-pump thread, which also delivers
 * action responses: the listener only counts and offers the event to a bounded hand-off queue,
 * never blocking. One worker thread maps and publishes in AMI order (Kafka sends are asynchronous,
 * but may block the worker up to the producer's max.block.ms while the broker is unreachable; the
 * queue absorbs that). When the queue is full the event is not queued: it is counted and becomes
 * part of an overflow dead letter ({@link Overflow}) that the worker publishes as soon as it
 * catches up, so the loss is visible, with the frames and the time window.
 *
 * <p><b>Connection.</b> A supervisor thread logs in and, after a failed login (PBX down, wrong
 * secret), retries with exponential backoff (0.5 s doubling to 30 s by default, ±20 % jitter). Once
 * logged in, a dropped connection is Asterisk-Java's to recover: its reconnect thread retries every
 * 50 ms for the first ten attempts, then every 5 s, until it logs in again (our listener stays
 * registered). A silently dead TCP connection is caught by pinging every {@code pingInterval} with
 * a socket read timeout of three intervals, which makes Asterisk-Java's reader fail and reconnect.
 * Events the PBX emits while disconnected are not replayed by AMI.
 */
public final class AmiBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AmiBridge.class);
    private static final int OVERFLOW_FRAMES_PER_LETTER = 500;
    private static final long SUPERVISE_EVERY_MILLIS = 1_000;

    /** An event as received, with the bridge's receive time. */
    private record Received(ManagerEvent event, long receivedAtMillis) {}

    private final BridgeConfig config;
    private final EventSink sink;
    private final EventPublisher ownedPublisher;
    private final AmiEventMapper mapper;
    private final ContactCustomers customers;
    private final ManagerConnection connection;
    private final BlockingQueue<Received> handOff;
    private final Overflow overflow;
    private final Backoff backoff;

    private final LongAdder received = new LongAdder();
    private final LongAdder contactEvents = new LongAdder();
    private final LongAdder agentEvents = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder ignored = new LongAdder();
    private final LongAdder publishFailures = new LongAdder();
    private final LongAdder connects = new LongAdder();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder loginFailures = new LongAdder();
    private final Map<String, LongAdder> ignoredByEvent = new ConcurrentHashMap<>();

    private volatile boolean running;
    private boolean closed;
    private volatile boolean connected;
    private long lastPingNanos;
    private Thread worker;
    private ScheduledExecutorService supervisor;

    /** A bridge publishing through {@code publisher}, which stays the caller's to close. */
    public AmiBridge(BridgeConfig config, EventPublisher publisher) {
        this(config, EventSink.kafka(publisher), null);
    }

    /** A bridge writing to {@code sink}; package-private for tests of the hand-off. */
    AmiBridge(BridgeConfig config, EventSink sink) {
        this(config, sink, null);
    }

    private AmiBridge(BridgeConfig config, EventSink sink, EventPublisher ownedPublisher) {
        this.config = config;
        this.sink = sink;
        this.ownedPublisher = ownedPublisher;
        this.customers = new ContactCustomers();
        this.mapper = new AmiEventMapper(config.serverName(), config.requireTimestamp(), customers);
        this.handOff = new ArrayBlockingQueue<>(config.handOffCapacity());
        this.overflow = new Overflow(config.handOffCapacity(), OVERFLOW_FRAMES_PER_LETTER);
        this.backoff = new Backoff(config.minBackoff(), config.maxBackoff(), new Random());
        this.connection =
                new ManagerConnectionFactory(
                                config.amiHost(),
                                config.amiPort(),
                                config.amiUser(),
                                config.amiSecret())
                        .createManagerConnection();
        connection.setSocketTimeout(5_000);
        if (!config.pingInterval().isZero()) {
            connection.setSocketReadTimeout((int) config.pingInterval().toMillis() * 3);
        }
        connection.addEventListener(this::onManagerEvent);
    }

    /**
     * A bridge with its own Kafka publisher for {@code config.kafkaBootstrap()}, closed with it.
     */
    public static AmiBridge create(BridgeConfig config) {
        EventPublisher publisher =
                EventPublisher.create(
                        config.kafkaBootstrap(),
                        Map.of("client.id", "telephony-bridge-" + config.serverName()));
        return new AmiBridge(config, EventSink.kafka(publisher), publisher);
    }

    /** Starts the worker and the supervisor, which logs in (retrying) in the background. */
    public synchronized void start() {
        if (running || closed) {
            throw new IllegalStateException("a bridge starts once");
        }
        running = true;
        worker = new Thread(this::work, "ami-bridge-worker-" + config.serverName());
        worker.start();
        supervisor =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "ami-bridge-connect-" + config.serverName());
                            t.setDaemon(true);
                            return t;
                        });
        supervisor.execute(this::supervise);
        LOG.info("AMI bridge started: {}", config);
    }

    /**
     * A route answer named the customer of a contact (FastAGI's {@code CustomerListener}): the
     * contact's events mapped from now on carry it, and, when the bridge did not know it yet, one
     * IDENTIFIED event is published. Thread-safe; does not block (the send is asynchronous).
     *
     * @param tenant null for the default tenant
     */
    public void customerIdentified(String tenant, String contactId, String customerId) {
        if (contactId == null || customerId == null || !customers.learn(contactId, customerId)) {
            return;
        }
        ContactEvent identified =
                mapper.identified(tenant, contactId, customerId, System.currentTimeMillis());
        track(() -> sink.contact(identified), "contact-events", identified, contactEvents);
    }

    /** The contacts' customers the bridge knows now. */
    ContactCustomers customers() {
        return customers;
    }

    /** Logged in to the PBX now. */
    public boolean isConnected() {
        return connected && connection.getState() == ManagerConnectionState.CONNECTED;
    }

    public BridgeStats stats() {
        Map<String, Long> ignoredNow = new TreeMap<>();
        ignoredByEvent.forEach((name, n) -> ignoredNow.put(name, n.sum()));
        long contacts = contactEvents.sum();
        long agents = agentEvents.sum();
        return new BridgeStats(
                System.currentTimeMillis(),
                isConnected(),
                connects.sum(),
                disconnects.sum(),
                received.sum(),
                contacts,
                agents,
                contacts + agents,
                deadLettered.sum(),
                ignored.sum(),
                overflow.total(),
                publishFailures.sum(),
                handOff.size(),
                loginFailures.sum(),
                ignoredNow);
    }

    /**
     * Logs off, lets the worker publish what is queued, flushes the producer and, if the bridge
     * created it, closes it.
     */
    @Override
    public void close() {
        ScheduledExecutorService sup;
        Thread work;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = false;
            sup = supervisor;
            work = worker;
        }
        if (sup != null) {
            sup.shutdownNow();
            try {
                sup.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ManagerConnectionState state = connection.getState();
        if (state == ManagerConnectionState.CONNECTED
                || state == ManagerConnectionState.RECONNECTING) {
            try {
                // Also stops Asterisk-Java's reconnect thread.
                connection.logoff();
            } catch (RuntimeException e) {
                LOG.warn("AMI logoff failed: {}", e.toString());
            }
        }
        if (work != null) {
            try {
                work.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        sink.flush();
        if (ownedPublisher != null) {
            ownedPublisher.close();
        }
        LOG.info("AMI bridge stopped: {}", stats());
    }

    /** Runs on Asterisk-Java's event pump: count and hand off, nothing that can block. */
    private void onManagerEvent(ManagerEvent event) {
        if (event instanceof ConnectEvent) {
            connected = true;
            connects.increment();
            return;
        }
        if (event instanceof DisconnectEvent) {
            connected = false;
            disconnects.increment();
            return;
        }
        long now = System.currentTimeMillis();
        if (!handOff.offer(new Received(event, now))) {
            overflow.record(event, now);
        }
        // Counted last, so a reader who sees it also sees where the event went.
        received.increment();
    }

    private void work() {
        while (running || !handOff.isEmpty()) {
            Received next;
            try {
                next = handOff.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                continue;
            }
            overflow.drain(System.currentTimeMillis()).ifPresent(this::publishDeadLetter);
            if (next != null) {
                process(next);
            }
        }
        overflow.drain(System.currentTimeMillis()).ifPresent(this::publishDeadLetter);
    }

    private void process(Received r) {
        MappingResult result;
        try {
            result = mapper.map(r.event(), r.receivedAtMillis());
        } catch (RuntimeException e) {
            // A mapper bug must not stop the bridge: the event is kept as a dead letter.
            LOG.error("mapping {} failed", AmiFrames.eventName(r.event()), e);
            result =
                    new MappingResult.Rejected(
                            DeadLetter.fromFrame(
                                    "mapping failed: " + e,
                                    AmiEventMapper.COMPONENT,
                                    DeadLetter.Origin.AMI,
                                    AmiFrames.reconstruct(r.event()),
                                    r.receivedAtMillis()));
        }
        if (result instanceof MappingResult.Contact c) {
            track(() -> sink.contact(c.event()), "contact-events", c.event(), contactEvents);
        } else if (result instanceof MappingResult.Agent a) {
            track(() -> sink.agent(a.event()), "agent-events", a.event(), agentEvents);
        } else if (result instanceof MappingResult.Rejected rejected) {
            LOG.warn("AMI event rejected: {}", rejected.deadLetter().reason());
            publishDeadLetter(rejected.deadLetter());
        } else if (result instanceof MappingResult.Ignored i) {
            ignored.increment();
            ignoredByEvent.computeIfAbsent(i.eventName(), k -> new LongAdder()).increment();
        }
    }

    private void track(
            Supplier<CompletableFuture<?>> send,
            String topic,
            Object value,
            LongAdder acknowledged) {
        CompletableFuture<?> sent;
        try {
            sent = send.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete(
                (metadata, error) -> {
                    if (error == null) {
                        acknowledged.increment();
                    } else {
                        publishFailures.increment();
                        // During a broker outage every send fails: log the first of each
                        // thousand, the counter has the rest.
                        if (publishFailures.sum() % 1_000 == 1) {
                            LOG.error(
                                    "publishing to {} failed ({} failures so far): {}",
                                    topic,
                                    publishFailures.sum(),
                                    value,
                                    error);
                        }
                    }
                });
    }

    private void publishDeadLetter(DeadLetter letter) {
        track(() -> sink.deadLetter(letter), "dead-letters", letter, deadLettered);
    }

    /** One supervision step; reschedules itself until the bridge closes. */
    private void supervise() {
        long delay = SUPERVISE_EVERY_MILLIS;
        try {
            ManagerConnectionState state = connection.getState();
            if (state == ManagerConnectionState.INITIAL
                    || state == ManagerConnectionState.DISCONNECTED) {
                delay = login();
            } else if (state == ManagerConnectionState.CONNECTED) {
                pingIfDue();
            }
        } catch (RuntimeException e) {
            LOG.warn("AMI supervision step failed: {}", e.toString());
        } finally {
            if (running) {
                try {
                    supervisor.schedule(this::supervise, delay, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Closing.
                }
            }
        }
    }

    /** Tries to log in; returns the delay before the next supervision step. */
    private long login() {
        try {
            connection.login();
            backoff.reset();
            lastPingNanos = System.nanoTime();
            LOG.info(
                    "logged in to AMI at {}:{} ({})",
                    config.amiHost(),
                    config.amiPort(),
                    connection.getVersion());
            return SUPERVISE_EVERY_MILLIS;
        } catch (IOException
                | AuthenticationFailedException
                | TimeoutException
                | IllegalStateException e) {
            loginFailures.increment();
            long delay = backoff.next().toMillis();
            LOG.warn(
                    "AMI login to {}:{} failed ({}); retrying in {} ms",
                    config.amiHost(),
                    config.amiPort(),
                    e.getMessage(),
                    delay);
            return delay;
        }
    }

    private void pingIfDue() {
        if (config.pingInterval().isZero()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPingNanos < config.pingInterval().toNanos()) {
            return;
        }
        lastPingNanos = now;
        try {
            // Asynchronous: the answer is only there to keep input flowing past the read timeout.
            connection.sendAction(new PingAction(), response -> {});
        } catch (IOException | IllegalStateException e) {
            LOG.debug("ping not sent: {}", e.toString());
        }
    }
}
