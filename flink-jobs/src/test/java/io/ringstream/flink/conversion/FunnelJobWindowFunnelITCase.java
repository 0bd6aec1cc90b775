package io.ringstream.flink.conversion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.analytics.funnel.ReferenceFunnel;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.flink.PrivateTopics;
import io.ringstream.flink.conversion.value.ValueFixtures;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The conversion job end to end against ClickHouse's own windowFunnel: thousands of generated
 * customers' business and contact events on Kafka, published out of order within the lateness, a
 * few beyond it; the job on a MiniCluster; then every customer's furthest step per funnel in {@code
 * funnel_progress} must be windowFunnel's level over the raw rows without the events the generator
 * knows are too late (STRICT: {@code ReferenceFunnel} over the same events). The late events must
 * not show in any row, and no customer may be missed.
 */
class FunnelJobWindowFunnelITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(2);

    private static final long SEED = 20_261_105L;
    private static final int CUSTOMERS = 3_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String PROBE = "probe";

    private final String tenant = "it-fj-" + UUID.randomUUID();
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
                                        s.repeatable()
                                                .withFunnelLateness(FunnelDataSet.LATENESS)
                                                // Every customer is created before any event.
                                                .withUnknownCustomerGrace(Duration.ofSeconds(20)))
                        .withCheckpointInterval(Duration.ofSeconds(2))
                        .withSinkTuning(new SinkTuning(2_000, Duration.ofMillis(200), 3));
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
    void everyCustomersFurthestStepIsWindowFunnelsOverTheEventsTheJobApplied() throws Exception {
        FunnelDataSet data = FunnelDataSet.generate(tenant, SEED, CUSTOMERS, true);
        // The oracle's raw rows, as the archive job would have written them.
        WindowFunnelOracle.insertRaw(CLICKHOUSE.jdbc(), data);
        Set<String> late = data.lateEventIds();
        assertThat(late).isNotEmpty();

        EventPublisher publisher = KAFKA.publisher();
        List<CompletableFuture<?>> sent = new ArrayList<>();
        data.creations().forEach(c -> sent.add(publisher.publish(topics.customerChanges(), c)));
        sent.add(publisher.publish(topics.customerChanges(), ValueFixtures.created(tenant, PROBE)));
        sent.add(publisher.publish(topics.funnels(), data.orderedFunnels.get(1)));
        sent.add(publisher.publish(topics.funnels(), data.orderedFunnels.get(2)));
        sent.add(publisher.publish(topics.funnels(), data.strictFunnel));
        awaitAll(sent);

        // The definitions are broadcast beside the events: a probe customer's lead shows in every
        // funnel when the job has them all, so none of the data set's events comes before its
        // funnel. They come on their own topic, in no order against the events, and a lead
        // applied before a definition arrived never enters that funnel: each poll sends a fresh
        // lead (same old event time), so one of them follows the last definition.
        AtomicInteger probes = new AtomicInteger();
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(
                        () -> {
                            KAFKA.produce(
                                    topics.businessEvents(), probeLead(probes.incrementAndGet()));
                            assertThat(levels(PROBE).keySet())
                                    .containsExactlyInAnyOrder(
                                            "sales",
                                            "web-sales",
                                            "web-sales-strict",
                                            "stage-sales");
                        });

        for (FunnelDataSet.Item item : data.items()) {
            RingstreamEvent e = item.event();
            sent.add(
                    e instanceof BusinessEvent b
                            ? publisher.publish(topics.businessEvents(), b)
                            : publisher.publish(topics.contacts(), (ContactEvent) e));
        }
        awaitAll(sent);

        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        for (FunnelDefinition f : data.orderedFunnels) {
            expected.put(
                    f.funnelId(), WindowFunnelOracle.levels(CLICKHOUSE.jdbc(), tenant, f, late));
        }
        Map<String, Integer> strict = new HashMap<>();
        for (String c : data.customers) {
            strict.put(c, ReferenceFunnel.furthestStep(data.strictFunnel, data.appliedEventsOf(c)));
        }
        expected.put(data.strictFunnel.funnelId(), strict);

        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(disagreements(data, expected)).isEmpty());

        Map<String, Map<String, Integer>> got = progress();
        assertThat(got.keySet())
                .as("no customer the data set does not have")
                .isSubsetOf(withProbe(data.customers));
        assertThat(
                        CLICKHOUSE.queryLong(
                                "SELECT count() FROM (SELECT step_event_ids, steps_reached FROM "
                                        + Table.FUNNEL_PROGRESS.qualifiedName()
                                        + " FINAL WHERE tenant = "
                                        + WindowFunnelOracle.quote(tenant)
                                        + ") WHERE steps_reached > 0 AND hasAny(step_event_ids, ["
                                        + String.join(
                                                ", ",
                                                late.stream()
                                                        .map(WindowFunnelOracle::quote)
                                                        .toList())
                                        + "])"))
                .as("rows built on events beyond the lateness")
                .isZero();
        // The per-channel and per-agent sums the stats operator writes beside the cells (V061,
        // V062) add up to the cells, through the real sinks and table specs.
        String t = WindowFunnelOracle.quote(tenant);
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofSeconds(2))
                .untilAsserted(
                        () -> {
                            List<List<String>> cells =
                                    CLICKHOUSE.query(
                                            "SELECT funnel_id, day, step, sum(entered),"
                                                    + " sum(reached) FROM ringstream.funnel_stats"
                                                    + " FINAL WHERE tenant = "
                                                    + t
                                                    + " GROUP BY funnel_id, day, step"
                                                    + " HAVING sum(entered) > 0"
                                                    + " ORDER BY funnel_id, day, step");
                            assertThat(cells).isNotEmpty();
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT funnel_id, day, step, sum(entered),"
                                                            + " sum(reached) FROM"
                                                            + " ringstream.funnel_channel_days"
                                                            + " FINAL WHERE tenant = "
                                                            + t
                                                            + " GROUP BY funnel_id, day, step"
                                                            + " HAVING sum(entered) > 0"
                                                            + " ORDER BY funnel_id, day, step"))
                                    .isEqualTo(cells);
                            assertThat(
                                            CLICKHOUSE.query(
                                                    "SELECT funnel_id, day, agent_id, k, r FROM"
                                                            + " ringstream.funnel_agent_days FINAL"
                                                            + " ARRAY JOIN reached AS r,"
                                                            + " arrayEnumerate(reached) AS k"
                                                            + " WHERE tenant = "
                                                            + t
                                                            + " AND entered > 0"
                                                            + " ORDER BY funnel_id, day, agent_id, k"))
                                    .isEqualTo(
                                            CLICKHOUSE.query(
                                                    "SELECT funnel_id, day, agent_id, step,"
                                                            + " sum(reached) FROM"
                                                            + " ringstream.funnel_stats FINAL"
                                                            + " WHERE tenant = "
                                                            + t
                                                            + " GROUP BY funnel_id, day, agent_id,"
                                                            + " step HAVING sum(entered) > 0"
                                                            + " ORDER BY funnel_id, day, agent_id,"
                                                            + " step"));
                        });

        // The late events matter: applied, they would take every late customer further.
        // (The business-only funnel: the late chain is on the business topic alone.)
        FunnelDefinition stageSales = data.orderedFunnels.get(2);
        Map<String, Integer> withLate =
                WindowFunnelOracle.levels(CLICKHOUSE.jdbc(), tenant, stageSales, Set.of());
        for (String c : data.lateCustomers()) {
            assertThat(withLate.get(c))
                    .as(c + ": windowFunnel with the late events")
                    .isGreaterThan(expected.get(stageSales.funnelId()).getOrDefault(c, 0));
        }
    }

    /**
     * Per customer that disagrees: funnel, windowFunnel's (or the reference's) level, the job's.
     */
    private Map<String, String> disagreements(
            FunnelDataSet data, Map<String, Map<String, Integer>> expected) {
        Map<String, Map<String, Integer>> got = progress();
        Map<String, String> wrong = new TreeMap<>();
        for (String c : data.customers) {
            Map<String, Integer> mine = got.getOrDefault(c, Map.of());
            for (Map.Entry<String, Map<String, Integer>> f : expected.entrySet()) {
                int want = f.getValue().getOrDefault(c, 0);
                int have = mine.getOrDefault(f.getKey(), 0);
                if (want != have) {
                    wrong.put(
                            c + " " + f.getKey(),
                            "expected "
                                    + want
                                    + ", job "
                                    + have
                                    + (data.lateCustomers().contains(c) ? " (late events)" : "")
                                    + ", applied events "
                                    + FunnelTrackerWindowFunnelITCase.describe(
                                            data.appliedEventsOf(c)));
                }
            }
            if (wrong.size() >= 20) {
                break;
            }
        }
        return wrong;
    }

    /** customer → funnel → the largest steps_reached of its live rows. */
    private Map<String, Map<String, Integer>> progress() {
        // FINAL in a subquery, the filter outside: a retraction (steps_reached = 0) must win its
        // key before anything filters on steps_reached.
        List<List<String>> rows =
                CLICKHOUSE.query(
                        "SELECT customer_id, funnel_id, max(steps_reached) FROM ("
                                + "SELECT customer_id, funnel_id, steps_reached FROM "
                                + Table.FUNNEL_PROGRESS.qualifiedName()
                                + " FINAL WHERE tenant = "
                                + WindowFunnelOracle.quote(tenant)
                                + ") WHERE steps_reached > 0 GROUP BY customer_id, funnel_id");
        Map<String, Map<String, Integer>> levels = new TreeMap<>();
        for (List<String> row : rows) {
            levels.computeIfAbsent(row.get(0), k -> new TreeMap<>())
                    .put(row.get(1), Integer.parseInt(row.get(2)));
        }
        return levels;
    }

    private Map<String, Integer> levels(String customer) {
        return progress().getOrDefault(customer, Map.of());
    }

    private BusinessEvent probeLead(int n) {
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                "probe-lead-" + tenant + "-" + n,
                BusinessEventType.LEAD_CREATED,
                tenant,
                PROBE,
                null,
                FunnelDataSet.T0 - 10 * FunnelDataSet.DAY,
                "it",
                "probe",
                null,
                null,
                null,
                Map.of("sourceChannel", "web-form"));
    }

    private static List<String> withProbe(List<String> customers) {
        List<String> all = new ArrayList<>(customers);
        all.add(PROBE);
        return all;
    }

    private static void awaitAll(List<CompletableFuture<?>> sent) throws Exception {
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        sent.clear();
    }
}
