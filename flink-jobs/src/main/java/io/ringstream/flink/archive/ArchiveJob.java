package io.ringstream.flink.archive;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.Decoded;
import io.ringstream.flink.kit.kafka.DecodedInputs;
import io.ringstream.flink.kit.kafka.JobKafka;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.kit.runtime.PipelineJob;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The raw archive: stores every contact, agent and business event in ClickHouse as published, every
 * customer change in {@code customer_changes} and the latest version of each customer in {@code
 * customers} (an erasure also deletes the erased customer's older rows: {@link CustomerErasures}),
 * and copies the whole {@code dead-letters} topic into {@code dead_letters}, so analysts see every
 * component's rejects in one table.
 *
 * <p>It is the reporting reader of the contact, agent and customer-changes topics (see {@code
 * Topic#rejectsReportedBy}): their malformed records become dead letters here and nowhere else. A
 * record of the dead-letter topic that is itself malformed goes straight to the table, never back
 * to the topic it came from.
 *
 * <p>Delivery: at least once into ReplacingMergeTree tables keyed by event id, so events are
 * effectively stored once (read with FINAL); {@code dead_letters} is a plain MergeTree where a copy
 * repeated after a restore shows up twice, told apart by topic, partition and offset.
 */
public final class ArchiveJob extends PipelineJob<ArchiveSettings, ArchiveJob.Endpoints> {
    public static final String JOB_NAME = "ringstream-archive";

    public static final JobDefinition<ArchiveSettings> DEFINITION =
            new JobDefinition<>(
                    JOB_NAME,
                    Components.ARCHIVE_JOB,
                    "ringstream-archive",
                    "RINGSTREAM_CHECKPOINT_DIR",
                    "RINGSTREAM_RESTORE_PATH",
                    List.of(
                            Topics.CONTACT_EVENTS,
                            Topics.AGENT_EVENTS,
                            Topics.CUSTOMER_CHANGES,
                            Topics.BUSINESS_EVENTS,
                            Topics.DEAD_LETTERS),
                    ArchiveSettings::from,
                    ArchiveJob::production);

    /** The job's sources and sinks; {@link #production} wires the registry's. */
    public record Endpoints(
            Source<Decoded<ContactEvent>, ?, ?> contacts,
            Source<Decoded<AgentEvent>, ?, ?> agents,
            Source<Decoded<DeadLetter>, ?, ?> deadLetters,
            Source<Decoded<CustomerChange>, ?, ?> customerChanges,
            Source<Decoded<BusinessEvent>, ?, ?> businessEvents,
            Sink<ContactEvent> contactTable,
            Sink<AgentEvent> agentTable,
            Sink<CustomerChange> customerTable,
            Sink<CustomerChange> customerChangeTable,
            Sink<CustomerChange> customerErasures,
            Sink<BusinessEvent> businessTable,
            Sink<DeadLetter> deadLetterTable,
            Sink<DeadLetter> deadLetterTopic) {}

    public ArchiveJob(Endpoints endpoints, JobConfig<ArchiveSettings> config) {
        super(JOB_NAME, endpoints, config);
    }

    /** The registry's topics and tables. */
    public static ArchiveJob production(JobConfig<ArchiveSettings> config) {
        JobKafka kafka = JobKafka.of(config, Components.ARCHIVE_JOB);
        return new ArchiveJob(
                new Endpoints(
                        kafka.source(Topics.CONTACT_EVENTS),
                        kafka.source(Topics.AGENT_EVENTS),
                        kafka.source(Topics.DEAD_LETTERS),
                        kafka.source(Topics.CUSTOMER_CHANGES),
                        kafka.source(Topics.BUSINESS_EVENTS),
                        ClickHouseSink.of(ArchiveTables.CONTACT_EVENTS, config),
                        ClickHouseSink.of(ArchiveTables.AGENT_EVENTS, config),
                        ClickHouseSink.of(ArchiveTables.CUSTOMERS, config),
                        ClickHouseSink.of(ArchiveTables.CUSTOMER_CHANGES, config),
                        CustomerErasures.of(config),
                        ClickHouseSink.of(ArchiveTables.BUSINESS_EVENTS, config),
                        ClickHouseSink.of(ArchiveTables.DEAD_LETTERS, config),
                        kafka.deadLetters()),
                config);
    }

    /** Configuration from program arguments over environment variables. */
    public static void main(String[] args) throws Exception {
        DEFINITION.main(args);
    }

    @Override
    protected void build(StreamExecutionEnvironment env) {
        DecodedInputs events = new DecodedInputs(env, "archive-");
        events.add(endpoints().contacts(), ContactEvent.class, "contact-events")
                .sinkTo(endpoints().contactTable())
                .uid("archive-contact-events-table")
                .name("contact_events");
        events.add(endpoints().agents(), AgentEvent.class, "agent-events")
                .sinkTo(endpoints().agentTable())
                .uid("archive-agent-events-table")
                .name("agent_events");
        DataStream<CustomerChange> customers =
                events.add(endpoints().customerChanges(), CustomerChange.class, "customer-changes");
        customers
                .sinkTo(endpoints().customerTable())
                .uid("archive-customers-table")
                .name("customers");
        customers
                .sinkTo(endpoints().customerChangeTable())
                .uid("archive-customer-changes-table")
                .name("customer_changes");
        customers
                .sinkTo(endpoints().customerErasures())
                .uid("archive-customer-erasures")
                .name("customer erasures");
        // Not this job's to report: the routing job dead-letters malformed business events.
        events.add(endpoints().businessEvents(), BusinessEvent.class, "business-events")
                .sinkTo(endpoints().businessTable())
                .uid("archive-business-events-table")
                .name("business_events");
        events.deadLetters()
                .sinkTo(endpoints().deadLetterTopic())
                .uid("archive-dead-letters-topic")
                .name("dead-letters");

        // Its own input: a malformed dead letter is archived, never sent back to the topic.
        DecodedInputs letters = new DecodedInputs(env, "archive-");
        DataStream<DeadLetter> copied =
                letters.add(endpoints().deadLetters(), DeadLetter.class, "dead-letters");
        letters.deadLetters(copied)
                .sinkTo(endpoints().deadLetterTable())
                .uid("archive-dead-letters-table")
                .name("dead_letters");
    }
}
