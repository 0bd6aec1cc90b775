package io.ringstream.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.runtime.JobDefinition;
import io.ringstream.flink.routing.RoutingJob;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three jobs read the contact-events topic (archive, routing, SLA); a malformed record on it must
 * still become exactly one dead letter, from the topic's reporting reader, and reach ClickHouse.
 */
class OneDeadLetterPerRecordITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(3);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<JobClient> jobs = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();

    @AfterEach
    void cancelJobs() throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get();
        }
    }

    private <S extends Serializable> void start(JobDefinition<S> definition) throws Exception {
        String group = "it-" + definition.consumerGroup() + "-" + run;
        groups.add(group);
        JobConfig<S> config =
                definition
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup(group)
                        .withCheckpointInterval(Duration.ofSeconds(1))
                        .withSinkTuning(new SinkTuning(100, Duration.ofMillis(100), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        jobs.add(definition.startLocal(config, env));
    }

    @Test
    void aMalformedContactEventYieldsOneDeadLetterWhateverReadsIt() throws Exception {
        KAFKA.mark();
        start(ArchiveJob.DEFINITION);
        start(RoutingJob.DEFINITION);
        start(ServiceLevelJob.DEFINITION);
        assertThat(ArchiveJob.DEFINITION.inputs()).contains(Topics.CONTACT_EVENTS);
        assertThat(RoutingJob.DEFINITION.inputs()).contains(Topics.CONTACT_EVENTS);
        assertThat(ServiceLevelJob.DEFINITION.inputs()).contains(Topics.CONTACT_EVENTS);

        RecordMetadata bad =
                KAFKA.produceRaw(
                        Topics.CONTACT_EVENTS.name(),
                        "broken-" + run,
                        ("{\"type\":\"QUEUED\",\"contactId\":\"" + run)
                                .getBytes(StandardCharsets.UTF_8));

        // Every job has read past the record and flushed what it writes for it.
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            for (String group : groups) {
                                assertThat(
                                                KAFKA.committedOffset(
                                                        group, bad.topic(), bad.partition()))
                                        .as(group)
                                        .isGreaterThan(bad.offset());
                            }
                        });
        List<DeadLetter> letters =
                KAFKA.readRawSinceMark(Topics.DEAD_LETTERS.name(), TIMEOUT).stream()
                        .map(r -> Topics.DEAD_LETTERS.serde().deserialize(r.value()))
                        .filter(
                                dl ->
                                        bad.topic().equals(dl.topic())
                                                && Integer.valueOf(bad.partition())
                                                        .equals(dl.partition())
                                                && Long.valueOf(bad.offset()).equals(dl.offset()))
                        .toList();
        assertThat(letters)
                .singleElement()
                .satisfies(
                        dl -> {
                            assertThat(dl.component()).isEqualTo(Components.ARCHIVE_JOB);
                            assertThat(dl.reason()).startsWith("malformed ContactEvent");
                        });
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(
                                                CLICKHOUSE.queryLong(
                                                        "SELECT count() FROM "
                                                                + Table.DEAD_LETTERS.qualifiedName()
                                                                + " WHERE topic = '"
                                                                + bad.topic()
                                                                + "' AND partition = "
                                                                + bad.partition()
                                                                + " AND offset = "
                                                                + bad.offset()))
                                        .isEqualTo(1));
    }

    /**
     * A booking with a negative amount: the routing job (the topic's reporting reader) dead-letters
     * it once with the reason; the archive and conversion jobs read past it without a letter.
     */
    @Test
    void aNegativeBookingYieldsOneDeadLetterWhateverReadsIt() throws Exception {
        KAFKA.mark();
        start(ArchiveJob.DEFINITION);
        start(RoutingJob.DEFINITION);
        start(ConversionJob.DEFINITION);
        assertThat(ConversionJob.DEFINITION.inputs()).contains(Topics.BUSINESS_EVENTS);
        assertThat(ArchiveJob.DEFINITION.inputs()).contains(Topics.BUSINESS_EVENTS);

        String customer = "negative-" + run;
        RecordMetadata bad =
                KAFKA.produceRaw(
                        Topics.BUSINESS_EVENTS.name(),
                        customer,
                        ("{\"schemaVersion\":1,\"eventId\":\"neg-"
                                        + run
                                        + "\",\"type\":\"BOOKING_MADE\",\"tenant\":\"t-"
                                        + run
                                        + "\",\"customerId\":\""
                                        + customer
                                        + "\",\"eventTime\":1767225600000,\"source\":\"test\","
                                        + "\"amountMinor\":-500,\"currency\":\"EUR\"}")
                                .getBytes(StandardCharsets.UTF_8));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            for (String group : groups) {
                                assertThat(
                                                KAFKA.committedOffset(
                                                        group, bad.topic(), bad.partition()))
                                        .as(group)
                                        .isGreaterThan(bad.offset());
                            }
                        });
        List<DeadLetter> letters =
                KAFKA.readRawSinceMark(Topics.DEAD_LETTERS.name(), TIMEOUT).stream()
                        .map(r -> Topics.DEAD_LETTERS.serde().deserialize(r.value()))
                        .filter(dl -> dl.payload() != null && dl.payload().contains(customer))
                        .toList();
        assertThat(letters)
                .singleElement()
                .satisfies(
                        dl -> {
                            assertThat(dl.component()).isEqualTo(Components.ROUTING_JOB);
                            assertThat(dl.reason()).contains("amountMinor must be >= 0");
                        });
    }
}
