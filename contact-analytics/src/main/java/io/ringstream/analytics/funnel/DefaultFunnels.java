package io.ringstream.analytics.funnel;

import io.ringstream.events.BusinessEventType;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.Tenants;
import java.time.Duration;
import java.util.List;

/**
 * The funnels every tenant has before anyone publishes one, like the SLA job's {@code
 * DefaultPolicies}: kept next to the rules (the funnel job depends on contact-analytics anyway),
 * not in {@code events}, because it is a product default, not a contract. A published funnel with
 * the same id replaces it.
 */
public final class DefaultFunnels {

    /** The id of the default sales funnel. */
    public static final String SALES_ID = "sales";

    /**
     * Lead created → contacted → quoted → booked → paid, within 90 days, last-touch credit.
     * "Contacted" is the first contact an agent handled for the customer after the lead (an
     * ANSWERED contact event with the customer's id), what the contact center itself sees; a
     * booking system need not report a CONTACTED stage for it.
     */
    public static final FunnelDefinition SALES = sales(Tenants.DEFAULT);

    private DefaultFunnels() {}

    /** The default sales funnel for {@code tenant}. */
    public static FunnelDefinition sales(String tenant) {
        return FunnelDefinition.of(
                "default-funnel:" + tenant + ":" + SALES_ID,
                tenant,
                1L,
                "defaults",
                SALES_ID,
                "Sales",
                List.of(
                        Step.business("lead created", BusinessEventType.LEAD_CREATED),
                        Step.contact("contacted", ContactEventType.ANSWERED),
                        Step.stage("quoted", "QUOTED"),
                        Step.business("booked", BusinessEventType.BOOKING_MADE),
                        Step.business("paid", BusinessEventType.PAYMENT_COMPLETED)),
                Duration.ofDays(90),
                OrderMode.ORDERED,
                Attribution.LAST_TOUCH);
    }
}
