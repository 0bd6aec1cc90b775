package io.ringstream.analytics.funnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.EventKind;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DefaultFunnelsTest {

    @Test
    void theSalesFunnelIsValid() {
        assertThat(DefaultFunnels.SALES.violations()).isEmpty();
        assertThat(DefaultFunnels.sales("acme").violations()).isEmpty();
    }

    @Test
    void theSalesFunnelIsLeadContactedQuotedBookedPaidIn90Days() {
        assertThat(DefaultFunnels.SALES.steps())
                .extracting(Step::name)
                .containsExactly("lead created", "contacted", "quoted", "booked", "paid");
        assertThat(DefaultFunnels.SALES.steps())
                .extracting(Step::kind, Step::eventType, Step::stage)
                .containsExactly(
                        tuple(EventKind.BUSINESS, "LEAD_CREATED", null),
                        tuple(EventKind.CONTACT, "ANSWERED", null),
                        tuple(EventKind.BUSINESS, "STAGE_CHANGED", "QUOTED"),
                        tuple(EventKind.BUSINESS, "BOOKING_MADE", null),
                        tuple(EventKind.BUSINESS, "PAYMENT_COMPLETED", null));
        assertThat(DefaultFunnels.SALES.windowMillis()).isEqualTo(Duration.ofDays(90).toMillis());
        assertThat(DefaultFunnels.SALES.orderMode()).isEqualTo(OrderMode.ORDERED);
        assertThat(DefaultFunnels.SALES.attribution()).isEqualTo(Attribution.LAST_TOUCH);
        assertThat(DefaultFunnels.SALES.active()).isTrue();
    }
}
