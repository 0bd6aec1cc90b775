package io.ringstream.routing.wallboard;

import io.micronaut.http.sse.Event;
import io.ringstream.analytics.wallboard.QueueThresholds;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.config.RoutingProperties;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.FluxSink;

/**
 * One open wallboard stream. It subscribes to the hub before it sends its first events, so nothing
 * that happens meanwhile is lost: what arrives before {@link #start} waits, then follows the first
 * events (thresholds, live, kpis, recent alerts). A live snapshot older than one already sent is
 * dropped, and an alert both recent and early is sent once.
 *
 * <p><b>Bounded.</b> Events go to the sink only as the HTTP connection asks for them (its demand;
 * Micronaut asks while the socket takes writes). What waits meanwhile is bounded: one {@code live}
 * and one {@code kpis} (a newer one replaces the waiting one in its place in the queue: each is the
 * whole picture, so the screen loses nothing it would show), and at most {@code maxPendingAlerts}
 * alerts. One alert more and the stream is closed: the page's EventSource reconnects, and a new
 * stream starts with the latest figures and the recent alerts (as many as {@code
 * ringstream.routing.recent-alerts}), so a wallboard that stopped reading costs the server a few
 * events, never an unbounded buffer.
 */
final class WallboardStream implements WallboardHub.Listener {
    /** Alerts that may wait for a slow reader: as many as a reconnect gets back by default. */
    static final int MAX_PENDING_ALERTS = RoutingProperties.DEFAULT_RECENT_ALERTS;

    private static final Logger LOG = LoggerFactory.getLogger(WallboardStream.class);

    private final FluxSink<Event<String>> sink;
    private final SharedJson json;
    private final int maxPendingAlerts;
    private final List<Runnable> early = new ArrayList<>();
    private final Set<String> alertsSent = new HashSet<>();
    // Events not yet taken by the connection, oldest first; lives until sent or the stream ends.
    private final List<Event<String>> pending = new ArrayList<>();
    private int alertsPending;
    private boolean started;
    private boolean closed;
    private boolean draining;
    private long liveAsOf = Long.MIN_VALUE;

    WallboardStream(FluxSink<Event<String>> sink, SharedJson json) {
        this(sink, json, MAX_PENDING_ALERTS);
    }

    WallboardStream(FluxSink<Event<String>> sink, SharedJson json, int maxPendingAlerts) {
        this.sink = sink;
        this.json = json;
        this.maxPendingAlerts = maxPendingAlerts;
        sink.onRequest(n -> drain());
    }

    /** Events waiting for the connection to take them. */
    synchronized int pending() {
        return pending.size();
    }

    synchronized void start(
            Map<String, QueueThresholds> thresholds,
            LiveFigures live,
            KpiFigures kpis,
            List<SupervisorAlert> recent) {
        send("thresholds", thresholds, null);
        sendLive(live);
        if (kpis != null) {
            send("kpis", kpis, null);
        }
        recent.forEach(this::sendAlert);
        early.forEach(Runnable::run);
        early.clear();
        // From here on the feed itself drops duplicates; the set only bridged the start.
        alertsSent.clear();
        started = true;
    }

    @Override
    public synchronized void live(LiveFigures figures) {
        if (!started) {
            early.add(() -> sendLive(figures));
            return;
        }
        sendLive(figures);
    }

    @Override
    public synchronized void kpis(KpiFigures figures) {
        if (!started) {
            early.add(() -> send("kpis", figures, null));
            return;
        }
        send("kpis", figures, null);
    }

    @Override
    public synchronized void alert(SupervisorAlert alert) {
        if (!started) {
            early.add(() -> sendAlert(alert));
            return;
        }
        sendAlert(alert);
    }

    private void sendLive(LiveFigures figures) {
        long asOf = figures.asOf() == null ? Long.MIN_VALUE + 1 : figures.asOf();
        if (asOf < liveAsOf) {
            return;
        }
        liveAsOf = asOf;
        send("live", figures, null);
    }

    private void sendAlert(SupervisorAlert alert) {
        if (started || alertsSent.add(alert.eventId())) {
            send("alert", alert, alert.eventId());
        }
    }

    private void send(String name, Object data, String id) {
        if (closed) {
            return;
        }
        Event<String> event = Event.of(json.write(name, data)).name(name);
        if (id != null) {
            event = event.id(id);
        }
        if (!replaceWaiting(name, event)) {
            if ("alert".equals(name) && ++alertsPending > maxPendingAlerts) {
                close();
                return;
            }
            pending.add(event);
        }
        drain();
    }

    /** A waiting live or kpis event takes the newer figures in its place. */
    private boolean replaceWaiting(String name, Event<String> event) {
        if (!"live".equals(name) && !"kpis".equals(name)) {
            return false;
        }
        for (int i = 0; i < pending.size(); i++) {
            if (name.equals(pending.get(i).getName())) {
                pending.set(i, event);
                return true;
            }
        }
        return false;
    }

    private synchronized void drain() {
        if (draining) {
            return; // a request made while sending: the loop below sees it
        }
        draining = true;
        try {
            while (!closed && !pending.isEmpty() && sink.requestedFromDownstream() > 0) {
                Event<String> event = pending.remove(0);
                if ("alert".equals(event.getName())) {
                    alertsPending--;
                }
                sink.next(event);
            }
        } finally {
            draining = false;
        }
    }

    private void close() {
        LOG.info(
                "wallboard stream closed: its reader fell {} alerts behind; it reconnects",
                maxPendingAlerts);
        closed = true;
        pending.clear();
        alertsPending = 0;
        sink.complete();
    }
}
