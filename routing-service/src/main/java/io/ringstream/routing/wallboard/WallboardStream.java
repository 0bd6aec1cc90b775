package io.ringstream.routing.wallboard;

import io.micronaut.http.sse.Event;
import io.ringstream.analytics.wallboard.QueueThresholds;
import io.ringstream.events.SupervisorAlert;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.FluxSink;

/**
 * One open wallboard stream. It subscribes to the hub before it sends its first events, so nothing
 * that happens meanwhile is lost: what arrives before {@link #start} waits, then follows the first
 * events (thresholds, live, kpis, recent alerts). A live snapshot older than one already sent is
 * dropped, and an alert both recent and early is sent once.
 */
final class WallboardStream implements WallboardHub.Listener {
    private final FluxSink<Event<String>> sink;
    private final SharedJson json;
    private final List<Runnable> early = new ArrayList<>();
    private final Set<String> alertsSent = new HashSet<>();
    private boolean started;
    private long liveAsOf = Long.MIN_VALUE;

    WallboardStream(FluxSink<Event<String>> sink, SharedJson json) {
        this.sink = sink;
        this.json = json;
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
        Event<String> event = Event.of(json.write(name, data)).name(name);
        sink.next(id == null ? event : event.id(id));
    }
}
