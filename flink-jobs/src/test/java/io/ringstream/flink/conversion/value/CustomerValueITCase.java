package io.ringstream.flink.conversion.value;

import static io.ringstream.flink.conversion.value.ValueFixtures.DAY;
import static io.ringstream.flink.conversion.value.ValueFixtures.booking;
import static io.ringstream.flink.conversion.value.ValueFixtures.created;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.clickhouse.Table;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import io.ringstream.flink.PrivateTopics;
import io.ringstream.flink.conversion.ConversionJob;
import io.ringstream.flink.conversion.ConversionSettings;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Customer value end to end: customer changes and bookings of a few dozen customers on the job's
 * own Kafka topics, the conversion job on a MiniCluster, {@code customer_value} and {@code
 * customer_value_fits} in ClickHouse; a booking of a customer no change names is one dead letter.
 */
class CustomerValueITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final int CUSTOMERS = 40;

    private final String tenant = "it-value-" + UUID.randomUUID();
    private PrivateTopics topics;
    private JobClient job;

    @BeforeEach
    void startJob() throws Exception {
        topics = PrivateTopics.install(KAFKA.bootstrapServers(), UUID.randomUUID().toString());
        JobConfig<ConversionSettings> config =
                ConversionJob.DEFINITION
                        .defaults(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl())
                        .withConsumerGroup("it-" + tenant)
                        .withSettings(
                                s ->
                                        s.withUnknownCustomerGrace(GRACE)
                                                .withRefitInterval(Duration.ofSeconds(3)))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(500, Duration.ofMillis(200), 3));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        job = new ConversionJob(topics.conversionEndpoints(config), config).executeAsync(env);
    }

    @AfterEach
    void cancelJob() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    @Test
    void bookingsOfKnownCustomersBecomeSegmentsAndValuesAndAnUnknownOneIsOneDeadLetter() {
        // First a malformed funnel definition (no steps): one dead letter with its reason, and
        // the job goes on to score everything below.
        String badFunnel = "bad-funnel-" + UUID.randomUUID();
        KAFKA.produceRaw(
                topics.funnels().name(),
                badFunnel,
                ("{\"schemaVersion\":1,\"eventId\":\""
                                + badFunnel
                                + "\",\"tenant\":\""
                                + tenant
                                + "\",\"eventTime\":1767225600000,\"source\":\"test\","
                                + "\"funnelId\":\""
                                + badFunnel
                                + "\",\"name\":\"Bad\",\"steps\":[],\"windowMillis\":1000,"
                                + "\"orderMode\":\"ORDERED\",\"attribution\":\"LAST_TOUCH\","
                                + "\"active\":true}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(
                        KAFKA.awaitRecords(
                                topics.deadLetters(),
                                d -> d.payload().contains(badFunnel),
                                1,
                                TIMEOUT))
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).contains("steps must not be empty");
                            assertThat(d.component()).isEqualTo(Components.CONVERSION_JOB);
                        });

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ids.forEach(id -> KAFKA.produce(topics.customerChanges(), created(tenant, id)));
        // A year of bookings, every few weeks per customer, ending a few days ago.
        long start = (System.currentTimeMillis() / DAY - 400) * DAY + 12 * 3_600_000L;
        Random random = new Random(11);
        for (int i = 0; i < CUSTOMERS; i++) {
            long day = random.nextInt(120);
            int purchases = 1 + random.nextInt(i % 3 == 0 ? 1 : 8);
            long spend = 1_000 + random.nextInt(9_000);
            for (int k = 0; k < purchases; k++) {
                KAFKA.produce(
                        topics.businessEvents(),
                        booking(
                                tenant,
                                ids.get(i),
                                start + day * DAY,
                                spend + random.nextInt(2_000),
                                "EUR"));
                day += 7 + random.nextInt(40);
            }
        }
        String ghost = "ghost-" + UUID.randomUUID();
        KAFKA.produce(topics.businessEvents(), booking(tenant, ghost, start, 1_000, "EUR"));

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        topics.deadLetters(), d -> d.payload().contains(ghost), 1, TIMEOUT);
        assertThat(letters)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.reason()).startsWith("unknown-customer: ").contains(ghost);
                            assertThat(d.component()).isEqualTo(Components.CONVERSION_JOB);
                        });

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            long fit = latestFit();
                            assertThat(fit).isPositive();
                            // Each customer's latest row: scored with the latest fit, a value.
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT count(), countIf(v = 1),"
                                                            + " countIf(segment != ''),"
                                                            + " countIf(fit = "
                                                            + fit
                                                            + ") FROM (SELECT customer_id,"
                                                            + " argMax(isNotNull(clv_12m), as_of) AS v,"
                                                            + " argMax(segment, as_of) AS segment,"
                                                            + " argMax(fit_version, as_of) AS fit"
                                                            + " FROM "
                                                            + Table.CUSTOMER_VALUE.qualifiedName()
                                                            + " FINAL WHERE tenant = '"
                                                            + tenant
                                                            + "' GROUP BY customer_id)"))
                                    .containsExactly(
                                            List.of(
                                                    "" + CUSTOMERS,
                                                    "" + CUSTOMERS,
                                                    "" + CUSTOMERS,
                                                    "" + CUSTOMERS));
                        });
        // The day row the job wrote last sums exactly each customer's latest row.
        String latest =
                "SELECT customer_id, argMax((segment, clv_12m, probability_alive), as_of) AS l"
                        + " FROM "
                        + Table.CUSTOMER_VALUE.qualifiedName()
                        + " FINAL WHERE tenant = '"
                        + tenant
                        + "' GROUP BY customer_id";
        String day =
                "(SELECT * FROM "
                        + Table.CUSTOMER_VALUE_DAYS.qualifiedName()
                        + " FINAL WHERE tenant = '"
                        + tenant
                        + "' ORDER BY as_of DESC LIMIT 1)";
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT segment, n, round(clv, 4), alive_n"
                                                            + " FROM "
                                                            + day
                                                            + " ARRAY JOIN segments AS segment,"
                                                            + " segment_customers AS n,"
                                                            + " segment_clv_sum AS clv,"
                                                            + " segment_alive_customers AS alive_n"
                                                            + " ORDER BY segment"))
                                    .isEqualTo(
                                            CLICKHOUSE.query(
                                                    "SELECT tupleElement(l, 1) AS segment,"
                                                            + " count(),"
                                                            + " round(sum(ifNull(tupleElement(l,"
                                                            + " 2), 0)), 4),"
                                                            + " count(tupleElement(l, 3)) FROM ("
                                                            + latest
                                                            + ") GROUP BY segment ORDER BY"
                                                            + " segment"));
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT band, n FROM "
                                                            + day
                                                            + " ARRAY JOIN alive_bands AS band,"
                                                            + " alive_band_customers AS n ORDER BY"
                                                            + " band"))
                                    .isEqualTo(
                                            CLICKHOUSE.query(
                                                    "SELECT least(toUInt8(floor(assumeNotNull("
                                                            + "tupleElement(l, 3)) * 10)), 9) AS"
                                                            + " band, count() FROM ("
                                                            + latest
                                                            + ") WHERE isNotNull(tupleElement(l,"
                                                            + " 3)) GROUP BY band ORDER BY band"));
                        });
        assertThat(
                        CLICKHOUSE.query(
                                "SELECT customers, isNotNull(p) FROM "
                                        + Table.CUSTOMER_VALUE_FITS.qualifiedName()
                                        + " FINAL WHERE tenant = '"
                                        + tenant
                                        + "' AND fit_version = "
                                        + latestFit()))
                .containsExactly(List.of("" + CUSTOMERS, "1"));
        assertThat(
                        CLICKHOUSE.queryLong(
                                "SELECT count() FROM "
                                        + Table.CUSTOMER_VALUE.qualifiedName()
                                        + " WHERE tenant = '"
                                        + tenant
                                        + "' AND customer_id = '"
                                        + ghost
                                        + "'"))
                .isZero();
        List<ConsumerRecord<String, byte[]>> all =
                KAFKA.readRawSinceMark(topics.deadLetters().name(), TIMEOUT);
        assertThat(all)
                .as("one dead letter for the unknown customer's booking")
                .filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains(ghost))
                .hasSize(1);
        assertThat(all)
                .as("one dead letter for the malformed funnel definition")
                .filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8).contains(badFunnel))
                .hasSize(1);
    }

    private long latestFit() {
        return CLICKHOUSE.queryLong(
                "SELECT max(fit_version) FROM "
                        + Table.CUSTOMER_VALUE_FITS.qualifiedName()
                        + " WHERE tenant = '"
                        + tenant
                        + "'");
    }
}
