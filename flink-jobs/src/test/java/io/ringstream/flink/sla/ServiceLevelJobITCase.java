package io.ringstream.flink.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.analytics.kpi.QueueTargets;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SlaPolicy;
import io.ringstream.events.Speaker;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.events.topics.Components;
import io.ringstream.flink.PrivateTopics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SLA job on real Kafka, a MiniCluster and ClickHouse: raw events and policies in; alerts for
 * supervisors and routing, SLA events on Kafka and in {@code sla_events} out; a policy changed on
 * the topic while the job runs applies without a restart.
 */
class ServiceLevelJobITCase {
    /**
     * Scripted event time starts ahead of the wall clock, so the job's watermark follows these
     * events alone (a silent partition's watermark catches up with the wall clock).
     */
    private static final long T0 = TestEvents.intervalAheadOfTheWallClock();

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final long S = 1_000;

    private final String tenant = "it-sla-" + UUID.randomUUID();
    private PrivateTopics topics;
    private JobClient job;

    @BeforeEach
    void startJob() throws Exception {
        topics = PrivateTopics.install(KAFKA.bootstrapServers(), UUID.randomUUID().toString());
        String kafka = KAFKA.bootstrapServers();
        String group = "it-" + tenant;
        JobConfig<ServiceLevelSettings> config =
                ServiceLevelJob.DEFINITION
                        .defaults(kafka, CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup(group)
                        .withSettings(
                                s ->
                                        s.withKpis(
                                                        s.kpis()
                                                                .withTargets(
                                                                        QueueTargets.parse(
                                                                                "sales=80/20")))
                                                .withEventTime(
                                                        new EventTime(
                                                                Duration.ofSeconds(5),
                                                                Duration.ofSeconds(1))))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3));
        ServiceLevelJob.Endpoints endpoints = topics.slaEndpoints(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job = new ServiceLevelJob(endpoints, config).executeAsync(env);
    }

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    private ContactEvent.Builder contact(String id, ContactEventType type, long at, Channel ch) {
        return ContactEvent.builder(type, id)
                .tenant(tenant)
                .eventId(EventIds.of(tenant, id, type.name(), Long.toString(at)))
                .eventTime(at)
                .channel(ch)
                .source("it");
    }

    private void queued(String id, long at) {
        KAFKA.produce(
                topics.contacts(),
                contact(id, ContactEventType.QUEUED, at, Channel.VOICE).queue("sales").build());
    }

    private void queuedInEveryPartition(String prefix, long at) {
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; partitions.size() < topics.contacts().partitions(); i++) {
            partitions.add(
                    KAFKA.produce(
                                    topics.contacts(),
                                    contact(
                                                    prefix + "-" + i,
                                                    ContactEventType.QUEUED,
                                                    at,
                                                    Channel.VOICE)
                                            .queue("sales")
                                            .build())
                            .partition());
        }
    }

    /** Agent messages start no SLA clock: they only move the interaction partitions on. */
    private void agentChatInEveryPartition(String prefix, long at) {
        Set<Integer> partitions = new HashSet<>();
        for (int i = 0; partitions.size() < topics.interactions().partitions(); i++) {
            partitions.add(chat(prefix + "-" + i, Speaker.AGENT, at).partition());
        }
    }

    private void answered(String id, long at, long wait) {
        KAFKA.produce(
                topics.contacts(),
                contact(id, ContactEventType.ANSWERED, at, Channel.VOICE)
                        .queue("sales")
                        .agentId("a1")
                        .waitMillis(wait)
                        .build());
    }

    private RecordMetadata chat(String id, Speaker speaker, long at) {
        return KAFKA.produce(
                topics.interactions(),
                new InteractionEvent(
                        RingstreamEvent.CURRENT_SCHEMA_VERSION,
                        EventIds.of(tenant, id, "chat", speaker.name(), Long.toString(at)),
                        InteractionType.CHAT_MESSAGE,
                        tenant,
                        id,
                        Channel.CHAT,
                        at,
                        "it",
                        speaker,
                        "hi",
                        "en",
                        Map.of()));
    }

    private long count(String where) {
        return CLICKHOUSE.queryLong(
                "SELECT count() FROM "
                        + Table.SLA_EVENTS.qualifiedName()
                        + " FINAL WHERE tenant = '"
                        + tenant
                        + "' AND "
                        + where);
    }

    @Test
    void warningsAndBreachesReachSupervisorsAndEveryVerdictIsStored() {
        queued("waits", T0);
        queued("quick", T0 + S);
        answered("quick", T0 + 4 * S, 3 * S);
        KAFKA.produce(
                topics.contacts(),
                contact("chat1", ContactEventType.ARRIVED, T0 + 2 * S, Channel.CHAT).build());
        chat("chat1", Speaker.CUSTOMER, T0 + 3 * S);
        chat("chat1", Speaker.AGENT, T0 + 33 * S);
        byte[] malformed = "{\"policyId\": ".getBytes(StandardCharsets.UTF_8);
        KAFKA.produceRaw(topics.policies().name(), "broken", malformed);
        // Moves event time on in every partition: the watermark passes 20 s after "waits" queued,
        // and the agent's chat answer. (T0 is ahead of the wall clock, so event time stays there.)
        queuedInEveryPartition("later", T0 + 60 * S);
        agentChatInEveryPartition("later-chat", T0 + 60 * S);

        List<SupervisorAlert> alerts =
                KAFKA.awaitRecords(topics.alerts(), a -> a.subject().equals("waits"), 2, TIMEOUT);
        assertThat(alerts)
                .extracting(
                        SupervisorAlert::kind, SupervisorAlert::subject, SupervisorAlert::eventTime)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                SupervisorAlert.Kind.SLA_WARNING, "waits", T0 + 16 * S),
                        org.assertj.core.groups.Tuple.tuple(
                                SupervisorAlert.Kind.SLA_BREACH, "waits", T0 + 20 * S));
        SupervisorAlert breach = alerts.get(1);
        assertThat(breach.severity()).isEqualTo(SupervisorAlert.Severity.CRITICAL);
        assertThat(breach.queue()).isEqualTo("sales");
        assertThat(breach.attributes())
                .containsEntry("slaKind", "ANSWER")
                .containsEntry("thresholdSeconds", "20")
                .containsEntry("elapsedSeconds", "20");
        assertThat(breach.message()).contains("waits", "20 s");

        List<SlaEvent> verdicts =
                KAFKA.awaitRecords(topics.slaEvents(), e -> e.tenant().equals(tenant), 4, TIMEOUT);
        assertThat(verdicts)
                .extracting(SlaEvent::subject, SlaEvent::kind, SlaEvent::type)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "quick", SlaKind.ANSWER, SlaEventType.MET),
                        org.assertj.core.groups.Tuple.tuple(
                                "chat1", SlaKind.FIRST_RESPONSE, SlaEventType.MET));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(count("subject = 'waits' AND type IN ('WARNING', 'BREACH')"))
                                    .isEqualTo(2);
                            assertThat(
                                            count(
                                                    "subject = 'quick' AND type = 'MET' AND elapsed_ms = 3000"))
                                    .isEqualTo(1);
                            assertThat(
                                            count(
                                                    "subject = 'chat1' AND kind = 'FIRST_RESPONSE' AND type = 'MET'"))
                                    .isEqualTo(1);
                        });

        List<DeadLetter> letters = KAFKA.awaitRecords(topics.deadLetters(), 1, TIMEOUT);
        assertThat(letters.get(0).component()).isEqualTo(Components.SLA_JOB);
        assertThat(letters.get(0).reason()).startsWith("malformed SlaPolicy");
        assertThat(letters.get(0).payload())
                .isEqualTo(new String(malformed, StandardCharsets.UTF_8));
    }

    @Test
    void aPolicyPublishedWhileTheJobRunsAppliesWithoutARestart() {
        AtomicInteger probe = new AtomicInteger();
        // Before any policy: the queue's 20 s target is the answer threshold. Event time is ahead
        // of the wall clock, so only later probes (in every partition, eventually) move it past
        // an answer: keep sending them.
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            sendProbe(probe.getAndIncrement());
                            return count("type = 'MET' AND threshold_ms = 20000") >= 1;
                        });

        KAFKA.produce(
                topics.policies(),
                SlaPolicy.of(
                        EventIds.of(tenant, "sales-45"),
                        tenant,
                        System.currentTimeMillis(),
                        "it",
                        "sales-45",
                        SlaKind.ANSWER,
                        "sales",
                        null,
                        null,
                        45,
                        null));

        // Policies and contacts come on different topics: keep sending contacts until one runs
        // against the new threshold.
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            sendProbe(probe.getAndIncrement());
                            return count(
                                            "type = 'MET' AND threshold_ms = 45000 AND policy_id = 'sales-45'")
                                    >= 1;
                        });
        assertThat(
                        count(
                                "type = 'MET' AND threshold_ms = 20000 AND policy_id = 'default:ANSWER:VOICE'"))
                .isPositive();
    }

    private void sendProbe(int i) {
        long at = T0 + i * 60 * S;
        queued("probe-" + i, at);
        answered("probe-" + i, at + S, S);
    }
}
