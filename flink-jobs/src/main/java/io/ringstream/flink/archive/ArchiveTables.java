package io.ringstream.flink.archive;

import io.ringstream.clickhouse.Table;
import io.ringstream.clickhouse.TableSpec;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.DeadLetter;

/**
 * The raw archive's tables (migrations V002 with V040, V003, V005): every contact and agent event
 * as published, and every dead letter, each column next to how an event fills it.
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
}
