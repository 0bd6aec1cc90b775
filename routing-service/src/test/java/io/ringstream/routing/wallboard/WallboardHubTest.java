package io.ringstream.routing.wallboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.RoutingStatus;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.alerts.AlertFeed;
import io.ringstream.routing.live.RoutingView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hub's fan-out: one KPI poll per tenant whatever its number of subscribers, the poll gone with
 * the last subscriber, the last figures re-sent stale when the source fails, and live figures and
 * alerts only to their tenant's subscribers. The scheduler is driven by the test.
 */
class WallboardHubTest {
    private final RoutingView view = new RoutingView();
    private final AlertFeed alerts = new AlertFeed(10);
    private final FakeSource source = new FakeSource();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final WallboardHub hub =
            new WallboardHub(view, alerts, source, scheduler, Duration.ofSeconds(5));

    @AfterEach
    void close() throws Exception {
        hub.close();
    }

    @Test
    void manySubscribersOfATenantShareOnePoll() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        Recorder other = new Recorder();
        hub.subscribe("t", a);
        hub.subscribe("t", b);
        hub.subscribe("t", c);
        hub.subscribe("u", other);

        assertThat(scheduler.live()).isEqualTo(2);
        assertThat(hub.tenantsPolled()).isEqualTo(2);

        scheduler.runDue();
        scheduler.runDue();

        assertThat(source.calls).containsExactly("t", "u", "t", "u");
        assertThat(a.kpis).hasSize(2);
        // The very same figures for every subscriber: read once, sent to all.
        assertThat(b.kpis).containsExactlyElementsOf(a.kpis);
        assertThat(c.kpis).containsExactlyElementsOf(a.kpis);
        assertThat(c.kpis.get(1)).isSameAs(a.kpis.get(1));
        assertThat(other.kpis).hasSize(2).doesNotContainAnyElementsOf(a.kpis);
        assertThat(hub.latestKpis("t")).containsSame(a.kpis.get(1));
    }

    @Test
    void theLastToLeaveCancelsThePollAndDropsTheTenant() throws Exception {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        AutoCloseable first = hub.subscribe("t", a);
        AutoCloseable second = hub.subscribe("t", b);
        scheduler.runDue();
        ManualScheduler.Task poll = scheduler.all().get(0);

        first.close();
        assertThat(poll.isCancelled()).isFalse();
        scheduler.runDue();
        assertThat(a.kpis).hasSize(1);
        assertThat(b.kpis).hasSize(2);

        second.close();
        assertThat(poll.isCancelled()).isTrue();
        assertThat(hub.tenantsPolled()).isZero();
        assertThat(hub.latestKpis("t")).isEmpty();
        scheduler.runDue();
        assertThat(source.calls).hasSize(2);

        // Coming back starts afresh: a new poll, no figures until it runs.
        hub.subscribe("t", new Recorder());
        assertThat(scheduler.live()).isEqualTo(1);
        assertThat(hub.latestKpis("t")).isEmpty();
    }

    @Test
    void aFailingSourceResendsTheLastFiguresMarkedStale() {
        Recorder a = new Recorder();
        source.failing = true;
        hub.subscribe("t", a);

        scheduler.runDue();
        source.failing = false;
        scheduler.runDue();
        source.failing = true;
        scheduler.runDue();
        scheduler.runDue();

        assertThat(a.kpis).hasSize(4);
        // Nothing read yet: unavailable (stale, no asOf).
        assertThat(a.kpis.get(0)).isEqualTo(KpiFigures.unavailable());
        KpiFigures good = a.kpis.get(1);
        assertThat(good.stale()).isFalse();
        assertThat(a.kpis.get(2)).isEqualTo(good.asStale());
        assertThat(a.kpis.get(3)).isEqualTo(good.asStale());
        assertThat(a.kpis.get(3).asOf()).isEqualTo(good.asOf());
        assertThat(hub.latestKpis("t")).contains(good.asStale());
    }

    @Test
    void liveFiguresAndAlertsGoToTheirTenantOnly() {
        Recorder t1 = new Recorder();
        Recorder t2 = new Recorder();
        Recorder u = new Recorder();
        hub.subscribe("t", t1);
        hub.subscribe("t", t2);
        hub.subscribe("u", u);

        view.apply(status("t", 1_000));
        view.apply(status("v", 2_000));
        alerts.apply(alert("a1", "t"));
        alerts.apply(alert("a2", "v"));

        assertThat(t1.live).extracting(LiveFigures::asOf).containsExactly(1_000L);
        assertThat(t2.live).containsExactlyElementsOf(t1.live);
        assertThat(u.live).isEmpty();
        assertThat(t1.alerts).extracting(SupervisorAlert::eventId).containsExactly("a1");
        assertThat(t2.alerts).extracting(SupervisorAlert::eventId).containsExactly("a1");
        assertThat(u.alerts).isEmpty();
        assertThat(hub.live("v").asOf()).isEqualTo(2_000L);
    }

    private static RoutingStatus status(String tenant, long at) {
        return new RoutingStatus(
                1, "s-" + tenant + at, tenant, at, "test", at, List.of(), List.of(), Map.of());
    }

    private static SupervisorAlert alert(String id, String tenant) {
        return SupervisorAlert.of(
                id,
                SupervisorAlert.Kind.SLA_BREACH,
                tenant,
                "c1",
                1_700_000_000_000L,
                "sla",
                "support",
                null,
                SupervisorAlert.Severity.CRITICAL,
                "breach",
                Map.of());
    }

    /** Figures numbered by read, so each read is told apart; fails on demand. */
    private static final class FakeSource implements KpiSource {
        final List<String> calls = new ArrayList<>();
        volatile boolean failing;

        @Override
        public synchronized KpiFigures today(String tenant, LiveFigures live) {
            calls.add(tenant);
            if (failing) {
                throw new KpisUnavailableException("down", new RuntimeException("down"));
            }
            return new KpiFigures(
                    (long) calls.size(),
                    false,
                    List.of(),
                    List.of(
                            new KpiFigures.AgentToday(
                                    tenant + "-agent", calls.size(), null, null, null)),
                    List.of());
        }
    }

    private static final class Recorder implements WallboardHub.Listener {
        final List<LiveFigures> live = new CopyOnWriteArrayList<>();
        final List<KpiFigures> kpis = new CopyOnWriteArrayList<>();
        final List<SupervisorAlert> alerts = new CopyOnWriteArrayList<>();

        @Override
        public void live(LiveFigures figures) {
            live.add(figures);
        }

        @Override
        public void kpis(KpiFigures figures) {
            kpis.add(figures);
        }

        @Override
        public void alert(SupervisorAlert alert) {
            alerts.add(alert);
        }
    }
}
