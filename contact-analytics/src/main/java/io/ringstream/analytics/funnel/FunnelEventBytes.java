package io.ringstream.analytics.funnel;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.RingstreamEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customer's recent events in {@link CustomerFunnels}' compact state: every field of a contact
 * or business event, enums by name (so reordering an enum never misreads state), attributes sorted
 * (so equal events give equal bytes).
 */
final class FunnelEventBytes {
    private static final int CONTACT = 1;
    private static final int BUSINESS = 2;

    private FunnelEventBytes() {}

    static void write(CompactBytes.Writer w, RingstreamEvent event) {
        if (event instanceof ContactEvent c) {
            w.u8(CONTACT)
                    .varInt(c.schemaVersion())
                    .string(c.eventId())
                    .string(name(c.type()))
                    .string(c.tenant())
                    .string(c.contactId())
                    .string(name(c.channel()))
                    .varLong(c.eventTime())
                    .string(c.source())
                    .string(c.queue())
                    .string(c.agentId())
                    .string(c.customerId());
            optional(w, c.waitMillis());
            optional(w, c.durationMillis());
            w.string(c.reason());
            attributes(w, c.attributes());
        } else if (event instanceof BusinessEvent b) {
            w.u8(BUSINESS)
                    .varInt(b.schemaVersion())
                    .string(b.eventId())
                    .string(name(b.type()))
                    .string(b.tenant())
                    .string(b.customerId())
                    .string(b.contactId())
                    .varLong(b.eventTime())
                    .string(b.source())
                    .string(b.leadId())
                    .string(b.stage());
            optional(w, b.amountMinor());
            w.string(b.currency());
            attributes(w, b.attributes());
        } else {
            throw new IllegalArgumentException(
                    "funnel state keeps contact and business events, not "
                            + event.getClass().getSimpleName());
        }
    }

    static RingstreamEvent read(CompactBytes.Reader r) {
        int kind = r.u8();
        if (kind == CONTACT) {
            int schema = r.varInt();
            String eventId = r.string();
            String type = r.string();
            String tenant = r.string();
            String contactId = r.string();
            String channel = r.string();
            long time = r.varLong();
            String source = r.string();
            String queue = r.string();
            String agentId = r.string();
            String customerId = r.string();
            Long wait = optional(r);
            Long duration = optional(r);
            String reason = r.string();
            return new ContactEvent(
                    schema,
                    eventId,
                    type == null ? null : ContactEventType.valueOf(type),
                    tenant,
                    contactId,
                    channel == null ? null : Channel.valueOf(channel),
                    time,
                    source,
                    queue,
                    agentId,
                    customerId,
                    wait,
                    duration,
                    reason,
                    attributes(r));
        }
        if (kind == BUSINESS) {
            int schema = r.varInt();
            String eventId = r.string();
            String type = r.string();
            String tenant = r.string();
            String customerId = r.string();
            String contactId = r.string();
            long time = r.varLong();
            String source = r.string();
            String leadId = r.string();
            String stage = r.string();
            Long amount = optional(r);
            String currency = r.string();
            return new BusinessEvent(
                    schema,
                    eventId,
                    type == null ? null : BusinessEventType.valueOf(type),
                    tenant,
                    customerId,
                    contactId,
                    time,
                    source,
                    leadId,
                    stage,
                    amount,
                    currency,
                    attributes(r));
        }
        throw new IllegalArgumentException("corrupt funnel state: event kind " + kind);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static void optional(CompactBytes.Writer w, Long value) {
        w.bool(value != null);
        if (value != null) {
            w.varLong(value);
        }
    }

    private static Long optional(CompactBytes.Reader r) {
        return r.bool() ? r.varLong() : null;
    }

    private static void attributes(CompactBytes.Writer w, Map<String, String> attributes) {
        w.varInt(attributes.size());
        for (Map.Entry<String, String> a : new TreeMap<>(attributes).entrySet()) {
            w.string(a.getKey()).string(a.getValue());
        }
    }

    private static Map<String, String> attributes(CompactBytes.Reader r) {
        int n = r.varInt();
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            out.put(r.string(), r.string());
        }
        return out;
    }
}
