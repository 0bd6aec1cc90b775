package io.ringstream.routing.crm;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The customers the CRM told us about, one summary each, so an assignment reaches the agent with
 * who is calling. Built from the business-events topic; plain Java and thread-safe. The directory
 * keeps at most {@code limit} customers, forgetting the least recently updated.
 */
public final class CrmDirectory {
    public static final String NAME = "name";
    public static final String TIER = "tier";
    public static final String PREFERRED_AGENT = "preferredAgentId";

    private final Map<String, CrmSummary> customers;

    public CrmDirectory(int limit) {
        this.customers =
                new LinkedHashMap<>(16, 0.75f, true) {
                    private static final long serialVersionUID = 1L;

                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, CrmSummary> eldest) {
                        return size() > limit;
                    }
                };
    }

    public synchronized void apply(BusinessEvent e) {
        String key = e.tenant() + '\u001f' + e.customerId();
        CrmSummary before = customers.get(key);
        if (before == null) {
            before = new CrmSummary(e.customerId(), null, null, null, null, 0, 0, null, 0);
        }
        if (e.eventTime() < before.lastEventTime()) {
            // Attributes and stage follow the newest event; an older one only adds its booking.
            customers.put(key, withBooking(before, e));
            return;
        }
        Map<String, String> attrs = e.attributes();
        CrmSummary updated =
                new CrmSummary(
                        e.customerId(),
                        attrs.getOrDefault(NAME, before.name()),
                        attrs.getOrDefault(TIER, before.tier()),
                        attrs.getOrDefault(PREFERRED_AGENT, before.preferredAgentId()),
                        e.stage() != null ? e.stage() : before.stage(),
                        before.bookings(),
                        before.bookedAmountMinor(),
                        before.currency(),
                        e.eventTime());
        customers.put(key, withBooking(updated, e));
    }

    public synchronized Optional<CrmSummary> find(String tenant, String customerId) {
        if (customerId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(customers.get(tenant + '\u001f' + customerId));
    }

    private static CrmSummary withBooking(CrmSummary s, BusinessEvent e) {
        if (e.type() != BusinessEventType.BOOKING_MADE || e.amountMinor() == null) {
            return s;
        }
        return new CrmSummary(
                s.customerId(),
                s.name(),
                s.tier(),
                s.preferredAgentId(),
                s.stage(),
                s.bookings() + 1,
                s.bookedAmountMinor() + e.amountMinor(),
                s.currency() != null ? s.currency() : e.currency(),
                s.lastEventTime());
    }
}
