package io.ringstream.analytics.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.FunnelDefinition.Attribution;
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
        assertThat(DefaultFunnels.SALES.windowMillis()).isEqualTo(Duration.ofDays(90).toMillis());
        assertThat(DefaultFunnels.SALES.orderMode()).isEqualTo(OrderMode.ORDERED);
        assertThat(DefaultFunnels.SALES.attribution()).isEqualTo(Attribution.LAST_TOUCH);
        assertThat(DefaultFunnels.SALES.active()).isTrue();
    }
}
