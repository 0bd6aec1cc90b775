package io.ringstream.routing.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.SupervisorAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Recent alerts for new wallboards, live alerts for connected ones, no duplicates. */
class AlertFeedTest {

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

    @Test
    void keepsTheMostRecentPerTenantAndNotifiesSubscribersOnce() throws Exception {
        AlertFeed feed = new AlertFeed(2);
        List<SupervisorAlert> live = new ArrayList<>();
        AutoCloseable sub = feed.subscribe(live::add);

        feed.apply(alert("1", "t"));
        feed.apply(alert("2", "u"));
        feed.apply(alert("2", "u"));
        feed.apply(alert("3", "t"));
        sub.close();
        feed.apply(alert("4", "t"));

        assertThat(live).extracting(SupervisorAlert::eventId).containsExactly("1", "2", "3");
        assertThat(feed.recent("t")).extracting(SupervisorAlert::eventId).containsExactly("3", "4");
    }
}
