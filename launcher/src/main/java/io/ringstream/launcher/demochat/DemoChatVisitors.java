package io.ringstream.launcher.demochat;

import io.ringstream.launcher.DemoHistory;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated web-chat visitors of {@code up}'s demo floor: a low rate of new chats (one per
 * {@link #MEAN_GAP} on average, Poisson) on the gateway's WebSocket, each a {@link
 * SimulatedVisitor} with its own thread. While the gateway is away, arrivals pause with a growing
 * backoff (up to five minutes) and the failure is logged once; {@code up} goes on.
 */
public final class DemoChatVisitors implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoChatVisitors.class);
    public static final Duration MEAN_GAP = Duration.ofSeconds(40);

    /** More live visitors than this and an arrival is skipped: the demo stays small. */
    static final int MAX_LIVE = 12;

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI gateway;
    private final String origin;
    private final List<DemoHistory.Customer> returning;
    // Used on the scheduler thread only.
    private final Random rng;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> SimulatedChatAgent.daemon(r, "demo-chat-visitors"));
    private final ExecutorService visitors =
            Executors.newCachedThreadPool(r -> SimulatedChatAgent.daemon(r, "demo-chat-visitor"));
    private final AtomicInteger live = new AtomicInteger();
    private final AtomicLong finished = new AtomicLong();
    private final AtomicLong abandoned = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    // Written by visitor threads, read by the scheduler: the pause added while the gateway is away.
    private volatile Duration backoff = Duration.ZERO;
    private volatile boolean awayLogged;

    public DemoChatVisitors(
            URI gateway, String origin, List<DemoHistory.Customer> returning, long seed) {
        this.gateway = gateway;
        this.origin = origin;
        this.returning = List.copyOf(returning);
        this.rng = new Random(seed);
    }

    public void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        Duration gap = VisitorScript.nextArrival(rng, MEAN_GAP).plus(backoff);
        scheduler.schedule(this::arrive, gap.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void arrive() {
        try {
            if (live.get() < MAX_LIVE) {
                VisitorScript script = VisitorScript.next(rng, returning);
                live.incrementAndGet();
                visitors.execute(() -> visit(script));
            }
        } finally {
            scheduleNext();
        }
    }

    private void visit(VisitorScript script) {
        try {
            SimulatedVisitor.Outcome outcome =
                    new SimulatedVisitor(script).run(http, gateway, origin);
            (outcome == SimulatedVisitor.Outcome.ABANDONED ? abandoned : finished)
                    .incrementAndGet();
            backoff = Duration.ZERO;
            if (awayLogged) {
                LOG.info("demo chat visitors: the channel gateway is back");
                awayLogged = false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failed.incrementAndGet();
            Duration next = backoff.isZero() ? Duration.ofSeconds(10) : backoff.multipliedBy(2);
            backoff = next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
            if (!awayLogged) {
                LOG.warn(
                        "demo chat visitors: the channel gateway at {} failed ({}); fewer"
                                + " visitors until it answers",
                        gateway,
                        e.toString());
                awayLogged = true;
            }
        } finally {
            live.decrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        visitors.shutdownNow();
        visitors.awaitTermination(5, TimeUnit.SECONDS);
        LOG.info(
                "demo chat visitors: {} chats finished, {} abandoned, {} failed",
                finished,
                abandoned,
                failed);
    }
}
