package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.BusinessEventType;
import io.ringstream.pbxsim.traffic.CallerNumbers;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's CRM history: named returning callers with a past lead that ends before now. */
class DemoHistoryTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theCustomersAreTheFirstReturningCallersWithNames() {
        List<DemoHistory.Customer> customers = DemoHistory.customers();

        assertThat(customers).hasSize(DemoHistory.CUSTOMERS);
        assertThat(customers.get(0).number()).isEqualTo(CallerNumbers.returning(0));
        assertThat(customers).extracting(DemoHistory.Customer::number).doesNotHaveDuplicates();
        assertThat(customers).allSatisfy(c -> assertThat(c.displayName()).contains(" "));
        assertThat(customers).filteredOn(c -> "gold".equals(c.tier())).hasSize(8);
        // What a returning web-chat visitor gives: plain ASCII, one per customer.
        assertThat(customers).extracting(DemoHistory.Customer::email).doesNotHaveDuplicates();
        assertThat(customers)
                .allSatisfy(
                        c -> assertThat(c.email()).matches("[a-z]+\\.[a-z]+[0-9]+@example\\.com"));
    }

    @Test
    void aPastLeadIsCreatedThenQuotedBookedAndPaidOrLostAllBeforeNow() {
        int lost = 0;
        for (DemoHistory.Customer c : DemoHistory.customers()) {
            List<DemoHistory.PastEvent> steps = DemoHistory.pastLead(c, 42, NOW);

            assertThat(steps.get(0).request().type()).isEqualTo(BusinessEventType.LEAD_CREATED);
            assertThat(steps).allSatisfy(s -> assertThat(s.occurredAt()).isBefore(NOW));
            assertThat(steps).extracting(DemoHistory.PastEvent::occurredAt).isSorted();
            if ("LOST".equals(steps.get(1).request().stage())) {
                lost++;
                assertThat(steps).hasSize(2);
                assertThat(steps.get(1).request().attributes()).containsKey("lostReason");
            } else {
                assertThat(steps)
                        .extracting(s -> s.request().type())
                        .containsExactly(
                                BusinessEventType.LEAD_CREATED,
                                BusinessEventType.STAGE_CHANGED,
                                BusinessEventType.BOOKING_MADE,
                                BusinessEventType.PAYMENT_COMPLETED);
                assertThat(steps.get(2).request().amount())
                        .isEqualTo(steps.get(3).request().amount());
            }
        }
        assertThat(lost).isBetween(2, 20);
    }

    @Test
    void theSameSeedGivesTheSameKeysSoARestartReplaysHarmlessly() {
        DemoHistory.Customer c = DemoHistory.customers().get(3);
        assertThat(DemoHistory.pastLead(c, 42, NOW))
                .isEqualTo(DemoHistory.pastLead(c, 42, NOW))
                .extracting(DemoHistory.PastEvent::idempotencyKey)
                .doesNotHaveDuplicates();
    }
}
