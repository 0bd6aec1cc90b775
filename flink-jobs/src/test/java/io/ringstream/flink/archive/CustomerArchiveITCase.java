package io.ringstream.flink.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customer changes from Kafka through the archive job into ClickHouse: the latest version per
 * customer in {@code customers}, every change once in {@code customer_changes}, and after an
 * erasure no personal data of that customer in either table, also when older changes are replayed.
 */
class CustomerArchiveITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final long T0 = 1_767_225_600_000L;

    private final String tenant = "it-" + UUID.randomUUID();
    private final String ana = UUID.randomUUID().toString();
    private final String ben = UUID.randomUUID().toString();
    private JobClient job;

    @BeforeEach
    void startJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job =
                ArchiveJob.DEFINITION.startLocal(
                        ArchiveJob.DEFINITION
                                .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                                .withConsumerGroup("it-" + tenant)
                                .withCheckpointInterval(Duration.ofSeconds(1))
                                .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3)),
                        env);
    }

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void latestVersionPerCustomerEveryChangeOnceAndAnErasureLeavesNoPersonalData() {
        CustomerChange created = change(ana, 1, CustomerChangeType.CREATED, "Ana García", null);
        CustomerChange tiered = change(ana, 2, CustomerChangeType.UPDATED, "Ana García", "gold");
        KAFKA.produce(Topics.CUSTOMER_CHANGES, created);
        KAFKA.produce(Topics.CUSTOMER_CHANGES, tiered);
        KAFKA.produce(Topics.CUSTOMER_CHANGES, tiered); // the outbox delivers at least once
        KAFKA.produce(
                Topics.CUSTOMER_CHANGES, change(ben, 1, CustomerChangeType.CREATED, "Ben", null));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT customer_id, version, display_name,"
                                                            + " tier, consent_marketing,"
                                                            + " identities FROM "
                                                            + Table.CUSTOMERS.qualifiedName()
                                                            + " FINAL WHERE tenant = '"
                                                            + tenant
                                                            + "' AND customer_id = '"
                                                            + ana
                                                            + "'"))
                                    .containsExactly(
                                            List.of(
                                                    ana,
                                                    "2",
                                                    "Ana García",
                                                    "gold",
                                                    "DENIED",
                                                    "['PHONE:+34612345678']"));
                            assertThat(count(Table.CUSTOMERS, "FINAL", "")).isEqualTo(2);
                            assertThat(count(Table.CUSTOMER_CHANGES, "FINAL", "")).isEqualTo(3);
                        });

        CustomerChange erased = change(ana, 3, CustomerChangeType.ERASED, null, "gold");
        KAFKA.produce(Topics.CUSTOMER_CHANGES, erased);
        awaitOnlyTheAnonymisedRowsOfAna();

        // A replay (a restore from an older checkpoint, or the outbox repeating rows): the older
        // changes come again, and so does the erasure after them.
        KAFKA.produce(Topics.CUSTOMER_CHANGES, created);
        KAFKA.produce(Topics.CUSTOMER_CHANGES, tiered);
        KAFKA.produce(Topics.CUSTOMER_CHANGES, erased);
        awaitOnlyTheAnonymisedRowsOfAna();
        assertThat(count(Table.CUSTOMERS, "FINAL", " AND customer_id = '" + ben + "'"))
                .isEqualTo(1);
    }

    private void awaitOnlyTheAnonymisedRowsOfAna() {
        String anaOnly = " AND customer_id = '" + ana + "'";
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            // Without FINAL: no part may hold an older version any more.
                            for (Table table : List.of(Table.CUSTOMERS, Table.CUSTOMER_CHANGES)) {
                                assertThat(
                                                CLICKHOUSE.query(
                                                        "SELECT DISTINCT version, change_type,"
                                                                + " display_name, identities FROM "
                                                                + table.qualifiedName()
                                                                + " WHERE tenant = '"
                                                                + tenant
                                                                + "'"
                                                                + anaOnly))
                                        .as(table.qualifiedName())
                                        .containsExactly(List.of("3", "ERASED", "", "[]"));
                            }
                        });
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT tier, erased FROM "
                                        + Table.CUSTOMERS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + tenant
                                        + "'"
                                        + anaOnly))
                .as("anonymous facts stay")
                .containsExactly(List.of("gold", "1"));
    }

    private long count(Table table, String modifier, String condition) {
        return CLICKHOUSE.queryLong(
                "SELECT count() FROM "
                        + table.qualifiedName()
                        + " "
                        + modifier
                        + " WHERE tenant = '"
                        + tenant
                        + "'"
                        + condition);
    }

    private CustomerChange change(
            String customerId, long version, CustomerChangeType type, String name, String tier) {
        boolean erased = type == CustomerChangeType.ERASED;
        return new CustomerChange(
                1,
                CustomerChange.idOf(tenant, customerId, version, type),
                type,
                tenant,
                customerId,
                T0 + version * 60_000,
                "routing-service",
                version,
                name,
                erased ? null : "es-ES",
                tier,
                null,
                Map.of("marketing", "DENIED"),
                erased ? List.of() : List.of("vip"),
                erased ? Map.of() : Map.of("city", "Sevilla"),
                erased ? List.of() : List.of("PHONE:+34612345678"),
                null,
                "agent-1",
                T0);
    }
}
