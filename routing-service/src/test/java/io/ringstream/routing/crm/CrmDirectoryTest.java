package io.ringstream.routing.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CRM business events fold into one summary per customer for the agent's screen. */
class CrmDirectoryTest {
    private final CrmDirectory crm = new CrmDirectory(2);

    private static BusinessEvent event(
            String customer,
            BusinessEventType type,
            long at,
            Long amount,
            Map<String, String> attrs) {
        return new BusinessEvent(
                1,
                "e" + at,
                type,
                "t",
                customer,
                null,
                at,
                "crm:test",
                null,
                type == BusinessEventType.STAGE_CHANGED ? "qualified" : null,
                amount,
                amount == null ? null : "EUR",
                attrs);
    }

    @Test
    void foldsAttributesStageAndBookings() {
        crm.apply(
                event(
                        "k1",
                        BusinessEventType.LEAD_CREATED,
                        1,
                        null,
                        Map.of("name", "Ana", "tier", "gold")));
        crm.apply(
                event(
                        "k1",
                        BusinessEventType.STAGE_CHANGED,
                        2,
                        null,
                        Map.of("preferredAgentId", "a7")));
        crm.apply(event("k1", BusinessEventType.BOOKING_MADE, 3, 12_500L, Map.of()));
        crm.apply(event("k1", BusinessEventType.BOOKING_MADE, 4, 500L, Map.of()));

        assertThat(crm.find("t", "k1"))
                .contains(
                        new CrmSummary(
                                "k1", "Ana", "gold", "a7", "qualified", 2, 13_000, "EUR", 4));
        assertThat(crm.find("other", "k1")).isEmpty();
        assertThat(crm.find("t", null)).isEmpty();
    }

    @Test
    void anOlderEventOnlyAddsItsBookingAndTheOldestCustomerIsForgotten() {
        crm.apply(event("k1", BusinessEventType.LEAD_CREATED, 10, null, Map.of("tier", "gold")));
        crm.apply(event("k1", BusinessEventType.BOOKING_MADE, 5, 100L, Map.of("tier", "bronze")));
        assertThat(crm.find("t", "k1").orElseThrow().tier()).isEqualTo("gold");
        assertThat(crm.find("t", "k1").orElseThrow().bookings()).isEqualTo(1);

        crm.apply(event("k2", BusinessEventType.LEAD_CREATED, 11, null, Map.of()));
        crm.apply(event("k3", BusinessEventType.LEAD_CREATED, 12, null, Map.of()));

        assertThat(crm.find("t", "k1")).isEmpty();
        assertThat(crm.find("t", "k3")).isPresent();
    }
}
