package io.ringstream.routing.wallboard;

import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.live.RoutingView;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the wallboard's events out to every open stream of a tenant, so 200 open wallboards cost
 * what one does: each routing status becomes {@link LiveFigures} once, and each tenant with open
 * streams has ONE KPI poll on the scheduled executor, every {@code refresh}, whose figures all its
 * subscribers share. Plain Java and thread-safe.
 *
 * <p>State lifetimes: a tenant's entry (subscribers, poll, latest figures) exists from its first
 * subscriber until its last leaves; then the poll is cancelled and the entry dropped. When a poll
 * fails the latest figures are kept and re-sent marked stale.
 */
public final class WallboardHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WallboardHub.class);

    /** What a subscriber receives; called on the feeding threads, so keep it quick. */
    public interface Listener {
        void live(LiveFigures figures);

        void kpis(KpiFigures figures);

        void alert(SupervisorAlert alert);
    }

    /** One tenant with open streams. */
    private static final class Tenant {
        final List<Listener> listeners = new CopyOnWriteArrayList<>();
        volatile ScheduledFuture<?> poll;
        volatile KpiFigures kpis;
    }

    private final Object lock = new Object();
    private final Map<String, Tenant> tenants = new HashMap<>();
    private final RoutingView view;
    private final KpiSource source;
    private final ScheduledExecutorService executor;
    private final Duration refresh;
    private final AutoCloseable statuses;
    private final AutoCloseable alerts;

    public WallboardHub(
            RoutingView view,
            AlertFeed alertFeed,
            KpiSource source,
            ScheduledExecutorService executor,
            Duration refresh) {
        this.view = view;
        this.source = source;
        this.executor = executor;
        this.refresh = refresh;
        this.statuses = view.subscribeStatuses(this::onStatus);
        this.alerts = alertFeed.subscribe(this::onAlert);
    }

    /**
     * Adds a subscriber of the tenant's events; the first one starts the tenant's KPI poll (at
     * once). Close the handle to leave; the last to leave stops the poll.
     */
    public AutoCloseable subscribe(String tenant, Listener listener) {
        synchronized (lock) {
            Tenant t = tenants.computeIfAbsent(tenant, k -> new Tenant());
            t.listeners.add(listener);
            if (t.poll == null) {
                t.poll =
                        executor.scheduleWithFixedDelay(
                                () -> poll(tenant, t),
                                0,
                                refresh.toMillis(),
                                TimeUnit.MILLISECONDS);
            }
        }
        return () -> leave(tenant, listener);
    }

    /** The latest figures of a tenant with open streams; empty when it has none or none yet. */
    public Optional<KpiFigures> latestKpis(String tenant) {
        synchronized (lock) {
            Tenant t = tenants.get(tenant);
            return Optional.ofNullable(t == null ? null : t.kpis);
        }
    }

    /**
     * Today's figures for a one-off request: the shared ones when the tenant has open streams, else
     * a read of its own; {@link KpiFigures#unavailable()} when ClickHouse does not answer.
     */
    public KpiFigures kpis(String tenant) {
        Optional<KpiFigures> shared = latestKpis(tenant);
        if (shared.isPresent()) {
            return shared.get();
        }
        try {
            return source.today(tenant, live(tenant));
        } catch (RuntimeException e) {
            LOG.warn("wallboard figures of tenant {} unavailable: {}", tenant, e.toString());
            return KpiFigures.unavailable();
        }
    }

    /** The tenant's live figures from the routing view's latest status. */
    public LiveFigures live(String tenant) {
        return LiveFigures.of(view.status(tenant).orElse(null));
    }

    /** Tenants with open streams (each with one poll). */
    public int tenantsPolled() {
        synchronized (lock) {
            return tenants.size();
        }
    }

    private void leave(String tenant, Listener listener) {
        synchronized (lock) {
            Tenant t = tenants.get(tenant);
            if (t == null) {
                return;
            }
            t.listeners.remove(listener);
            if (t.listeners.isEmpty()) {
                t.poll.cancel(false);
                tenants.remove(tenant);
            }
        }
    }

    private void poll(String tenant, Tenant t) {
        KpiFigures figures;
        try {
            figures = source.today(tenant, live(tenant));
        } catch (RuntimeException e) {
            LOG.warn("wallboard figures of tenant {} unavailable: {}", tenant, e.toString());
            KpiFigures last = t.kpis;
            figures = last == null ? KpiFigures.unavailable() : last.asStale();
        }
        t.kpis = figures;
        for (Listener l : t.listeners) {
            l.kpis(figures);
        }
    }

    private void onStatus(RoutingStatus status) {
        Tenant t;
        synchronized (lock) {
            t = tenants.get(status.tenant());
        }
        if (t != null) {
            LiveFigures figures = LiveFigures.of(status);
            t.listeners.forEach(l -> l.live(figures));
        }
    }

    private void onAlert(SupervisorAlert alert) {
        Tenant t;
        synchronized (lock) {
            t = tenants.get(alert.tenant());
        }
        if (t != null) {
            t.listeners.forEach(l -> l.alert(alert));
        }
    }

    @Override
    public void close() throws Exception {
        statuses.close();
        alerts.close();
        synchronized (lock) {
            tenants.values().forEach(t -> t.poll.cancel(false));
            tenants.clear();
        }
    }
}
