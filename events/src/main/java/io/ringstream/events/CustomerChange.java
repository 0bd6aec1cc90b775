package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * One committed change to a customer record in PostgreSQL, published through routing-service's
 * transactional outbox. Keyed by customer id, so a customer's changes stay in the order they
 * committed. Each change carries the whole record as it is afterwards (a snapshot, not a diff), so
 * the newest version per customer is the customer: that is what ClickHouse's {@code customers}
 * table keeps.
 *
 * <p>Note bodies are not published: agents write them for agents, not for analytics.
 *
 * @param version the record's optimistic-concurrency version after the change
 * @param identities the record's identity keys after the change, e.g. {@code PHONE:+34612345678}
 * @param consents flag ({@code phone}, {@code whatsapp}, {@code email}, {@code marketing}) to
 *     {@code GRANTED}, {@code DENIED} or {@code UNKNOWN}
 * @param mergedInto on MERGED, the surviving customer
 * @param actor who made the change: a user's subject or a component
 * @param createdAt when the customer was created, epoch milliseconds
 */
public record CustomerChange(
        int schemaVersion,
        String eventId,
        CustomerChangeType type,
        String tenant,
        String customerId,
        long eventTime,
        String source,
        long version,
        String displayName,
        String preferredLanguage,
        String tier,
        String ownerAgent,
        Map<String, String> consents,
        List<String> tags,
        Map<String, String> attributes,
        List<String> identities,
        String mergedInto,
        String actor,
        long createdAt)
        implements RingstreamEvent {

    public CustomerChange {
        consents = consents == null ? Map.of() : Map.copyOf(consents);
        tags = tags == null ? List.of() : List.copyOf(tags);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        identities = identities == null ? List.of() : List.copyOf(identities);
    }

    /** The event id of a customer's change; a record version changes once, so it is unique. */
    public static String idOf(
            String tenant, String customerId, long version, CustomerChangeType t) {
        return EventIds.of("customers", tenant, customerId, Long.toString(version), t.name());
    }

    @Override
    public String key() {
        return customerId;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, type);
        v.require(customerId, "customerId").require(actor, "actor");
        v.check(version >= 1, "version must be >= 1");
        v.check(createdAt > 0, "createdAt must be epoch milliseconds");
        if (type == CustomerChangeType.MERGED) {
            v.require(mergedInto, "mergedInto");
        }
        return v.list();
    }
}
