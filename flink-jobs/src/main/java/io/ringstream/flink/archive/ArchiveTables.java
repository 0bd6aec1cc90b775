package io.ringstream.flink.archive;

import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.DeadLetter;

/**
 * The raw archive's tables (migrations V002 with V040, V003, V005, V042, V043, V050): every
 * contact, agent and business event as published, every dead letter, and the customers with their
 * changes, each column next to how an event fills it.
 */
public final class ArchiveTables {
    private ArchiveTables() {}

    public static final TableSpec<ContactEvent> CONTACT_EVENTS =
            TableSpec.<ContactEvent>of(Table.CONTACT_EVENTS)
                    .column("event_id", ContactEvent::eventId)
                    .column("tenant", ContactEvent::tenant)
                    .column("contact_id", ContactEvent::contactId)
                    .text("type", ContactEvent::type)
                    .text("channel", ContactEvent::channel)
                    .eventTime("event", ContactEvent::eventTime)
                    .text("source", ContactEvent::source)
                    .text("queue", ContactEvent::queue)
                    .text("agent_id", ContactEvent::agentId)
                    .text("customer_id", ContactEvent::customerId)
                    .column("wait_ms", ContactEvent::waitMillis)
                    .column("duration_ms", ContactEvent::durationMillis)
                    .text("reason", ContactEvent::reason)
                    .json("attributes", ContactEvent::attributes)
                    .build();

    public static final TableSpec<AgentEvent> AGENT_EVENTS =
            TableSpec.<AgentEvent>of(Table.AGENT_EVENTS)
                    .column("event_id", AgentEvent::eventId)
                    .column("tenant", AgentEvent::tenant)
                    .column("agent_id", AgentEvent::agentId)
                    .text("type", AgentEvent::type)
                    .eventTime("event", AgentEvent::eventTime)
                    .text("source", AgentEvent::source)
                    .text("queue", AgentEvent::queue)
                    .text("reason", AgentEvent::reason)
                    .json("skills", AgentEvent::skills)
                    .json("attributes", AgentEvent::attributes)
                    .build();

    /**
     * Every business event as published (V050): the funnels' raw input, which ClickHouse's
     * windowFunnel reads to check the conversion job, and the bookings behind customer value.
     */
    public static final TableSpec<BusinessEvent> BUSINESS_EVENTS =
            TableSpec.<BusinessEvent>of(Table.BUSINESS_EVENTS)
                    .column("event_id", BusinessEvent::eventId)
                    .column("tenant", BusinessEvent::tenant)
                    .column("customer_id", BusinessEvent::customerId)
                    .text("type", BusinessEvent::type)
                    .text("stage", BusinessEvent::stage)
                    .eventTime("event", BusinessEvent::eventTime)
                    .text("source", BusinessEvent::source)
                    .text("contact_id", BusinessEvent::contactId)
                    .text("lead_id", BusinessEvent::leadId)
                    .column("amount_minor", BusinessEvent::amountMinor)
                    .text("currency", BusinessEvent::currency)
                    .text("campaign", b -> b.attributes().get("campaign"))
                    .json("attributes", BusinessEvent::attributes)
                    .build();

    /**
     * An analysts' copy of the dead-letter topic. A plain MergeTree: a dead letter copied again
     * after a restore appears twice (its topic, partition and offset tell the copies apart).
     */
    public static final TableSpec<DeadLetter> DEAD_LETTERS =
            TableSpec.<DeadLetter>of(Table.DEAD_LETTERS)
                    .text("reason", DeadLetter::reason)
                    .text("component", DeadLetter::component)
                    .text("origin", DeadLetter::origin)
                    .text("topic", DeadLetter::topic)
                    .column("partition", d -> d.partition() == null ? -1 : d.partition())
                    .column("offset", d -> d.offset() == null ? -1L : d.offset())
                    .text("payload", DeadLetter::payload)
                    .dateTime("failed_at", DeadLetter::failedAt)
                    .column("failed_at_ms", DeadLetter::failedAt)
                    .build();

    /**
     * The latest version of each customer: one row per change, collapsed by {@code version}
     * (ReplacingMergeTree(version)). An ERASED change's row is the anonymised record.
     */
    public static final TableSpec<CustomerChange> CUSTOMERS =
            TableSpec.<CustomerChange>of(Table.CUSTOMERS)
                    .column("tenant", CustomerChange::tenant)
                    .column("customer_id", CustomerChange::customerId)
                    .column("version", CustomerChange::version)
                    .column("event_id", CustomerChange::eventId)
                    .text("change_type", CustomerChange::type)
                    .text("display_name", CustomerChange::displayName)
                    .text("preferred_language", CustomerChange::preferredLanguage)
                    .text("tier", CustomerChange::tier)
                    .text("owner_agent", CustomerChange::ownerAgent)
                    .text("consent_phone", c -> consent(c, "phone"))
                    .text("consent_whatsapp", c -> consent(c, "whatsapp"))
                    .text("consent_email", c -> consent(c, "email"))
                    .text("consent_marketing", c -> consent(c, "marketing"))
                    .column("tags", c -> sorted(c.tags()))
                    .json("attributes", CustomerChange::attributes)
                    .column("identities", c -> sorted(c.identities()))
                    .text("merged_into", CustomerChange::mergedInto)
                    .flag("erased", c -> c.type() == CustomerChangeType.ERASED)
                    .dateTime("created_at", CustomerChange::createdAt)
                    .column("created_at_ms", CustomerChange::createdAt)
                    .dateTime("updated_at", CustomerChange::eventTime)
                    .column("updated_at_ms", CustomerChange::eventTime)
                    .build();

    /** Every change to a customer, the record as it was after it; repeats collapse by event id. */
    public static final TableSpec<CustomerChange> CUSTOMER_CHANGES =
            TableSpec.<CustomerChange>of(Table.CUSTOMER_CHANGES)
                    .column("event_id", CustomerChange::eventId)
                    .column("tenant", CustomerChange::tenant)
                    .column("customer_id", CustomerChange::customerId)
                    .column("version", CustomerChange::version)
                    .text("change_type", CustomerChange::type)
                    .eventTime("change", CustomerChange::eventTime)
                    .text("source", CustomerChange::source)
                    .text("actor", CustomerChange::actor)
                    .text("display_name", CustomerChange::displayName)
                    .text("preferred_language", CustomerChange::preferredLanguage)
                    .text("tier", CustomerChange::tier)
                    .text("owner_agent", CustomerChange::ownerAgent)
                    .text("consent_phone", c -> consent(c, "phone"))
                    .text("consent_whatsapp", c -> consent(c, "whatsapp"))
                    .text("consent_email", c -> consent(c, "email"))
                    .text("consent_marketing", c -> consent(c, "marketing"))
                    .column("tags", c -> sorted(c.tags()))
                    .json("attributes", CustomerChange::attributes)
                    .column("identities", c -> sorted(c.identities()))
                    .text("merged_into", CustomerChange::mergedInto)
                    .column("created_at_ms", CustomerChange::createdAt)
                    .build();

    /** A consent flag as stored in PostgreSQL; {@code UNKNOWN} when the change does not say. */
    private static String consent(CustomerChange change, String flag) {
        return change.consents().getOrDefault(flag, "UNKNOWN");
    }

    /** An Array(String) value: sorted, so equal sets give equal rows. */
    private static String[] sorted(java.util.List<String> values) {
        return values.stream().sorted().toArray(String[]::new);
    }
}
