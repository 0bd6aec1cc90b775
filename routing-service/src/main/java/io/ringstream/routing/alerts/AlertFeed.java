package io.ringstream.routing.alerts;

import io.ringstream.events.SupervisorAlert;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Supervisor alerts for live streams: the most recent ones (so a wallboard that connects sees what
 * is going on) and every new one as it arrives. Plain Java and thread-safe; duplicates (same event
 * id) are dropped.
 */
public final class AlertFeed {
    private final int keep;
    private final Deque<SupervisorAlert> recent = new ArrayDeque<>();
    private final List<Consumer<SupervisorAlert>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param keep how many recent alerts a new subscriber receives first
     */
    public AlertFeed(int keep) {
        this.keep = keep;
    }

    public void apply(SupervisorAlert alert) {
        synchronized (recent) {
            for (SupervisorAlert seen : recent) {
                if (seen.eventId().equals(alert.eventId())) {
                    return;
                }
            }
            recent.addLast(alert);
            while (recent.size() > keep) {
                recent.removeFirst();
            }
        }
        listeners.forEach(l -> l.accept(alert));
    }

    /** The recent alerts of {@code tenant}, oldest first. */
    public List<SupervisorAlert> recent(String tenant) {
        synchronized (recent) {
            List<SupervisorAlert> out = new ArrayList<>();
            for (SupervisorAlert a : recent) {
                if (a.tenant().equals(tenant)) {
                    out.add(a);
                }
            }
            return out;
        }
    }

    /** Every later alert, on the feeding thread; close the handle to stop. */
    public AutoCloseable subscribe(Consumer<SupervisorAlert> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
