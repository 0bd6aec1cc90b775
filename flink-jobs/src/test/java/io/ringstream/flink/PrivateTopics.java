package io.ringstream.flink;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topic;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.archive.ArchiveTables;
import io.ringstream.flink.archive.CustomerErasures;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.conversion.ConversionTables;
import io.ringstream.flink.kit.clickhouse.ClickHouseSink;
import io.ringstream.flink.kit.kafka.JobKafka;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.flink.sla.io.ServiceLevelTables;
import io.ringstream.kafka.TopicInstaller;
import java.util.List;

/**
 * The registry's topics under names of one test's own, installed on the shared broker, and the
 * jobs' endpoints on them. Event time is global to a job: a test reading the shared topics from the
 * earliest offset would see other tests' events (and, worse, move their watermarks with a day of
 * its own traffic).
 */
public record PrivateTopics(
        Topic<ContactEvent> contacts,
        Topic<InteractionEvent> interactions,
        Topic<AgentEvent> agents,
        Topic<SlaPolicy> policies,
        Topic<SlaEvent> slaEvents,
        Topic<SupervisorAlert> alerts,
        Topic<DeadLetter> deadLetters,
        Topic<CustomerChange> customerChanges,
        Topic<BusinessEvent> businessEvents,
        Topic<FunnelDefinition> funnels) {

    public static PrivateTopics install(String bootstrapServers, String suffix) {
        PrivateTopics topics =
                new PrivateTopics(
                        Topics.CONTACT_EVENTS.renamed(Topics.CONTACT_EVENTS.name() + "-" + suffix),
                        Topics.INTERACTIONS.renamed(Topics.INTERACTIONS.name() + "-" + suffix),
                        Topics.AGENT_EVENTS.renamed(Topics.AGENT_EVENTS.name() + "-" + suffix),
                        Topics.SLA_POLICIES.renamed(Topics.SLA_POLICIES.name() + "-" + suffix),
                        Topics.SLA_EVENTS.renamed(Topics.SLA_EVENTS.name() + "-" + suffix),
                        Topics.SUPERVISOR_ALERTS.renamed(
                                Topics.SUPERVISOR_ALERTS.name() + "-" + suffix),
                        Topics.DEAD_LETTERS.renamed(Topics.DEAD_LETTERS.name() + "-" + suffix),
                        Topics.CUSTOMER_CHANGES.renamed(
                                Topics.CUSTOMER_CHANGES.name() + "-" + suffix),
                        Topics.BUSINESS_EVENTS.renamed(
                                Topics.BUSINESS_EVENTS.name() + "-" + suffix),
                        Topics.FUNNEL_DEFINITIONS.renamed(
                                Topics.FUNNEL_DEFINITIONS.name() + "-" + suffix));
        TopicInstaller.install(bootstrapServers, topics.all());
        return topics;
    }

    public List<Topic<?>> all() {
        return List.of(
                contacts,
                interactions,
                agents,
                policies,
                slaEvents,
                alerts,
                deadLetters,
                customerChanges,
                businessEvents,
                funnels);
    }

    /** The service-level job on these topics, writing the real ClickHouse tables. */
    public ServiceLevelJob.Endpoints slaEndpoints(JobConfig<?> config) {
        JobKafka kafka = JobKafka.of(config, Components.SLA_JOB);
        return new ServiceLevelJob.Endpoints(
                kafka.source(contacts),
                kafka.source(interactions),
                kafka.source(agents),
                kafka.source(policies),
                kafka.sink(slaEvents),
                kafka.sink(alerts),
                ClickHouseSink.of(ServiceLevelTables.SLA_EVENTS, config),
                ClickHouseSink.of(ServiceLevelTables.QUEUE_KPIS, config),
                ClickHouseSink.of(ServiceLevelTables.AGENT_KPIS, config),
                kafka.sink(deadLetters));
    }

    /** The archive job on these topics, writing the real ClickHouse tables. */
    public ArchiveJob.Endpoints archiveEndpoints(JobConfig<?> config) {
        JobKafka kafka = JobKafka.of(config, Components.ARCHIVE_JOB);
        return new ArchiveJob.Endpoints(
                kafka.source(contacts),
                kafka.source(agents),
                kafka.source(deadLetters),
                kafka.source(customerChanges),
                kafka.source(businessEvents),
                ClickHouseSink.of(ArchiveTables.CONTACT_EVENTS, config),
                ClickHouseSink.of(ArchiveTables.AGENT_EVENTS, config),
                ClickHouseSink.of(ArchiveTables.CUSTOMERS, config),
                ClickHouseSink.of(ArchiveTables.CUSTOMER_CHANGES, config),
                CustomerErasures.of(config),
                ClickHouseSink.of(ArchiveTables.BUSINESS_EVENTS, config),
                ClickHouseSink.of(ArchiveTables.DEAD_LETTERS, config),
                kafka.sink(deadLetters));
    }

    /** The conversion job on these topics, writing the real ClickHouse tables. */
    public ConversionJob.Endpoints conversionEndpoints(JobConfig<?> config) {
        JobKafka kafka = JobKafka.of(config, Components.CONVERSION_JOB);
        return new ConversionJob.Endpoints(
                kafka.source(contacts),
                kafka.source(businessEvents),
                kafka.source(customerChanges),
                kafka.source(funnels),
                ClickHouseSink.of(ConversionTables.FUNNEL_PROGRESS, config),
                ClickHouseSink.of(ConversionTables.FUNNEL_STATS, config),
                ClickHouseSink.of(ConversionTables.FUNNEL_CHANNEL_DAYS, config),
                ClickHouseSink.of(ConversionTables.FUNNEL_AGENT_DAYS, config),
                ClickHouseSink.of(ConversionTables.CUSTOMER_VALUE, config),
                ClickHouseSink.of(ConversionTables.CUSTOMER_VALUE_FITS, config),
                ClickHouseSink.of(ConversionTables.CUSTOMER_VALUE_DAYS, config),
                kafka.sink(deadLetters));
    }
}
