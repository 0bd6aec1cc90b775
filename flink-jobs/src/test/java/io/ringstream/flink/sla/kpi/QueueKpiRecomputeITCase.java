package io.ringstream.flink.sla.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.analytics.kpi.QueueTargets;
import io.ringstream.analytics.kpi.ServiceLevelConvention;
import io.ringstream.analytics.kpi.Staffing;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.flink.PrivateTopics;
import io.ringstream.flink.archive.ArchiveJob;
import io.ringstream.flink.archive.ArchiveSettings;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.kit.time.EventTime;
import io.ringstream.flink.sla.ServiceLevelJob;
import io.ringstream.flink.sla.ServiceLevelSettings;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The acceptance test of the queue KPIs: a generated day of traffic for three queues goes through
 * Kafka; the archive job stores the raw events in ClickHouse and the service-level job writes
 * {@code queue_kpis}; every closed interval and sliding window the job wrote equals the same KPIs
 * recomputed by the SQL in docs/kpis.md from the raw events, under each service-level convention.
 * The same run holds every closed {@code agent_kpis} row (interval and day) to the agent recompute
 * queries there.
 */
class QueueKpiRecomputeITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(3);

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final QueueTargets TARGETS =
            QueueTargets.parse("sales=80/20,support=90/30,chat=80/60");
    private static final long SHORT_ABANDON = 5_000;

    /** 2024-03-04, a Monday, UTC. */
    private static final long DAY = Instant.parse("2024-03-04T00:00:00Z").toEpochMilli();

    /** Every counter and snapshot column compared exactly. */
    private static final List<String> EXACT =
            List.of(
                    "offered",
                    "answered",
                    "answered_within_threshold",
                    "abandoned",
                    "short_abandoned",
                    "abandoned_within_threshold",
                    "total_wait_ms",
                    "max_wait_ms",
                    "handled",
                    "talk_ms",
                    "holds",
                    "hold_ms",
                    "wrap_ups",
                    "wrap_up_ms",
                    "ready_ms",
                    "not_ready_ms",
                    "busy_ms",
                    "agent_wrap_up_ms",
                    "agents_ready",
                    "agents_not_ready",
                    "agents_busy",
                    "agents_wrap_up",
                    "waiting_ms",
                    "waiting_now",
                    "longest_wait_now_ms");

    private final String tenant = "it-kpi-" + UUID.randomUUID();
    private final List<JobClient> jobs = new ArrayList<>();

    @AfterEach
    void cancelJobs() throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get();
        }
    }

    @Test
    void kpisOfAGeneratedDayEqualTheirRecomputationFromRawEvents() throws Exception {
        String kafka = KAFKA.bootstrapServers();
        PrivateTopics topics = PrivateTopics.install(kafka, UUID.randomUUID().toString());
        DayOfTraffic traffic = new DayOfTraffic(tenant, DAY, 20240304L, 700);
        long until = DAY + Duration.ofDays(1).toMillis();
        assertThat(traffic.lastEventTime()).isLessThan(until);

        publish(traffic, topics);
        // After the day, an event of another tenant in every partition moves event time past it.
        flush(topics, until + Duration.ofHours(2).toMillis());
        startJobs(topics);

        Set<String> distinctContactEvents = new HashSet<>();
        traffic.contacts.forEach(e -> distinctContactEvents.add(e.eventId()));
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(rawCount(Table.CONTACT_EVENTS.qualifiedName()))
                                    .isEqualTo(distinctContactEvents.size());
                            assertThat(rawCount(Table.AGENT_EVENTS.qualifiedName()))
                                    .isEqualTo(traffic.agents.size());
                        });

        RecomputeSql sql = RecomputeSql.fromDocs();
        Map<String, Map<String, Number>> expectedIntervals =
                recompute(sql, 900_000, 900_000, until);
        Map<String, Map<String, Number>> expectedSliding = recompute(sql, 300_000, 60_000, until);
        assertThat(expectedIntervals).hasSizeGreaterThan(150);
        assertThat(expectedSliding).hasSizeGreaterThan(2_000);

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(streamed("interval", until).keySet())
                                    .isEqualTo(expectedIntervals.keySet());
                            assertThat(streamed("sliding", until).keySet())
                                    .isEqualTo(expectedSliding.keySet());
                        });
        compare(streamed("interval", until), expectedIntervals, 900_000);
        compare(streamed("sliding", until), expectedSliding, 300_000);
        // The day really exercised what the definitions distinguish.
        long shortAbandons = sum(expectedIntervals, "short_abandoned");
        long abandonedInTime = sum(expectedIntervals, "abandoned_within_threshold");
        assertThat(shortAbandons).isPositive();
        assertThat(abandonedInTime).isPositive();
        assertThat(sum(expectedIntervals, "holds")).isPositive();
        assertThat(sum(expectedIntervals, "agents_not_ready")).isPositive();

        Map<String, Map<String, Number>> agentIntervals = recomputeAgents(sql, 900_000, until);
        Map<String, Map<String, Number>> agentDays =
                recomputeAgents(sql, Duration.ofDays(1).toMillis(), until);
        assertThat(agentIntervals).hasSizeGreaterThan(100);
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> {
                            assertThat(streamedAgents("interval", until).keySet())
                                    .isEqualTo(agentIntervals.keySet());
                            assertThat(streamedAgents("day", until).keySet())
                                    .isEqualTo(agentDays.keySet());
                        });
        compareAgents(streamedAgents("interval", until), agentIntervals);
        compareAgents(streamedAgents("day", until), agentDays);
        assertThat(sum(agentDays, "holds")).isPositive();
        assertThat(sum(agentDays, "not_ready_ms")).isPositive();
    }

    private static final List<String> AGENT_EXACT =
            List.of(
                    "answered",
                    "handled",
                    "talk_ms",
                    "holds",
                    "hold_ms",
                    "wrap_ups",
                    "wrap_up_ms",
                    "offers_timed_out",
                    "offers_rejected",
                    "ready_ms",
                    "not_ready_ms",
                    "busy_ms",
                    "agent_wrap_up_ms");

    /** Rows of the two agent recompute queries, merged by agent and window start. */
    private Map<String, Map<String, Number>> recomputeAgents(
            RecomputeSql sql, long windowMs, long until) {
        Map<String, String> values =
                Map.of(
                        "tenant", tenant,
                        "window_ms", Long.toString(windowMs),
                        "until_ms", Long.toString(until));
        Map<String, Map<String, Number>> merged = new TreeMap<>();
        for (String name : List.of("agent_contacts", "agent_states")) {
            String query = sql.query(name, values);
            List<String> columns = columnsOf(query);
            for (List<String> row : CLICKHOUSE.query(query)) {
                Map<String, Number> into =
                        merged.computeIfAbsent(row.get(0) + "@" + row.get(1), k -> new TreeMap<>());
                for (int i = 2; i < row.size(); i++) {
                    into.put(columns.get(i), Long.parseLong(row.get(i)));
                }
            }
        }
        for (Map<String, Number> row : merged.values()) {
            for (String column : AGENT_EXACT) {
                row.putIfAbsent(column, 0L);
            }
        }
        return merged;
    }

    /** The job's closed agent rows of one window kind, by agent and window start. */
    private Map<String, Map<String, Number>> streamedAgents(String kind, long until) {
        List<List<String>> rows =
                CLICKHOUSE.query(
                        "SELECT agent_id, toUInt64(window_start) * 1000, "
                                + String.join(", ", AGENT_EXACT)
                                + ", aht_ms, occupancy FROM "
                                + Table.AGENT_KPIS.qualifiedName()
                                + " FINAL WHERE tenant = '"
                                + tenant
                                + "' AND window_kind = '"
                                + kind
                                + "' AND closed = 1 AND toUInt64(window_end) * 1000 <= "
                                + until);
        Map<String, Map<String, Number>> out = new TreeMap<>();
        for (List<String> row : rows) {
            Map<String, Number> values = new TreeMap<>();
            for (int i = 0; i < AGENT_EXACT.size(); i++) {
                values.put(AGENT_EXACT.get(i), Long.parseLong(row.get(2 + i)));
            }
            int k = 2 + AGENT_EXACT.size();
            values.put("aht_ms", nullableDouble(row.get(k)));
            values.put("occupancy", nullableDouble(row.get(k + 1)));
            out.put(row.get(0) + "@" + row.get(1), values);
        }
        return out;
    }

    private static void compareAgents(
            Map<String, Map<String, Number>> actual, Map<String, Map<String, Number>> expected) {
        for (Map.Entry<String, Map<String, Number>> e : expected.entrySet()) {
            String key = e.getKey();
            Map<String, Number> want = e.getValue();
            Map<String, Number> got = actual.get(key);
            for (String column : AGENT_EXACT) {
                assertThat(got.get(column)).as(key + " " + column).isEqualTo(want.get(column));
            }
            long handling = l(want, "talk_ms") + l(want, "hold_ms") + l(want, "wrap_up_ms");
            assertRatio(got, "aht_ms", handling, l(want, "handled"), key);
            long working = l(want, "busy_ms") + l(want, "agent_wrap_up_ms");
            assertRatio(got, "occupancy", working, working + l(want, "ready_ms"), key);
        }
    }

    private void publish(DayOfTraffic traffic, PrivateTopics topics) {
        EventPublisher publisher = KAFKA.publisher();
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (Object event : traffic.publishOrder) {
            if (event instanceof ContactEvent c) {
                acks.add(publisher.publish(topics.contacts(), c));
            } else {
                acks.add(publisher.publish(topics.agents(), (AgentEvent) event));
            }
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
    }

    private void flush(PrivateTopics topics, long at) {
        Set<Integer> contactPartitions = new HashSet<>();
        for (int i = 0; contactPartitions.size() < topics.contacts().partitions(); i++) {
            ContactEvent e =
                    ContactEvent.builder(ContactEventType.ARRIVED, "flush-" + i)
                            .tenant("flush-" + tenant)
                            .eventId(EventIds.of("flush", tenant, Integer.toString(i)))
                            .eventTime(at)
                            .source("it")
                            .build();
            contactPartitions.add(KAFKA.produce(topics.contacts(), e).partition());
        }
        Set<Integer> agentPartitions = new HashSet<>();
        for (int i = 0; agentPartitions.size() < topics.agents().partitions(); i++) {
            AgentEvent e =
                    new AgentEvent(
                            RingstreamEvent.CURRENT_SCHEMA_VERSION,
                            EventIds.of("flush-agent", tenant, Integer.toString(i)),
                            AgentEventType.SKILLS_CHANGED,
                            "flush-" + tenant,
                            "flush-" + i,
                            at,
                            "it",
                            null,
                            null,
                            Map.of("x", 1),
                            Map.of());
            agentPartitions.add(KAFKA.produce(topics.agents(), e).partition());
        }
    }

    private void startJobs(PrivateTopics topics) throws Exception {
        String kafka = KAFKA.bootstrapServers();
        String url = CLICKHOUSE.jdbcUrl();
        String group = "it-" + tenant;
        SinkTuning tuning = new SinkTuning(2_000, Duration.ofMillis(300), 3);
        // Long idleness and no wall-clock advance: event time moves only with the data and the
        // flush, so the watermarks (and every row) are exactly repeatable.
        JobConfig<ServiceLevelSettings> config =
                ServiceLevelJob.DEFINITION
                        .defaults(kafka, url)
                        .withConsumerGroup(group)
                        .withSettings(
                                s ->
                                        s.withKpis(
                                                        s.kpis()
                                                                .withTargets(TARGETS)
                                                                .withConvention(
                                                                        ServiceLevelConvention
                                                                                .LEFT_QUEUE)
                                                                .withShortAbandonMillis(
                                                                        SHORT_ABANDON))
                                                .withEventTime(
                                                        new EventTime(
                                                                Duration.ofSeconds(5),
                                                                Duration.ofMinutes(10)))
                                                .withAdvanceWhenSilent(false))
                        .withCheckpointInterval(Duration.ofSeconds(5))
                        .withSinkTuning(tuning);
        StreamExecutionEnvironment slaEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        slaEnv.setParallelism(2);
        jobs.add(new ServiceLevelJob(topics.slaEndpoints(config), config).executeAsync(slaEnv));

        // The archive job writes the raw events the SQL recomputes from.
        JobConfig<ArchiveSettings> rawConfig =
                ArchiveJob.DEFINITION
                        .defaults(kafka, url)
                        .withConsumerGroup(group + "-raw")
                        .withCheckpointInterval(Duration.ofSeconds(5))
                        .withSinkTuning(tuning);
        ArchiveJob raw = new ArchiveJob(topics.archiveEndpoints(rawConfig), rawConfig);
        StreamExecutionEnvironment rawEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        rawEnv.setParallelism(1);
        jobs.add(raw.executeAsync(rawEnv));
    }

    private long rawCount(String table) {
        return CLICKHOUSE.queryLong(
                "SELECT count() FROM " + table + " FINAL WHERE tenant = '" + tenant + "'");
    }

    /** Rows of the three recompute queries, merged by queue and window start. */
    private Map<String, Map<String, Number>> recompute(
            RecomputeSql sql, long windowMs, long slideMs, long until) {
        Map<String, String> values =
                Map.of(
                        "tenant", tenant,
                        "window_ms", Long.toString(windowMs),
                        "slide_ms", Long.toString(slideMs),
                        "threshold_ms",
                                "transform(queue, ['sales', 'support', 'chat'], [20000, 30000, 60000], 20000)",
                        "short_ms", Long.toString(SHORT_ABANDON),
                        "until_ms", Long.toString(until));
        Map<String, Map<String, Number>> merged = new TreeMap<>();
        for (String name : List.of("contacts", "agents", "waiting")) {
            String query = sql.query(name, values);
            List<String> columns = columnsOf(query);
            for (List<String> row : CLICKHOUSE.query(query)) {
                String key = row.get(0) + "@" + row.get(1);
                Map<String, Number> into = merged.computeIfAbsent(key, k -> new TreeMap<>());
                for (int i = 2; i < row.size(); i++) {
                    into.put(columns.get(i), Long.parseLong(row.get(i)));
                }
            }
        }
        for (Map<String, Number> row : merged.values()) {
            for (String column : EXACT) {
                row.putIfAbsent(column, 0L);
            }
        }
        return merged;
    }

    /** The aliases of a recompute query's top-level SELECT, in order. */
    private static List<String> columnsOf(String query) {
        String select = query.substring(query.indexOf("SELECT") + 6, query.indexOf("\nFROM"));
        List<String> columns = new ArrayList<>();
        for (String line : select.split("\n")) {
            String item = line.trim();
            if (item.isEmpty()) {
                continue;
            }
            item = item.endsWith(",") ? item.substring(0, item.length() - 1) : item;
            int as = item.lastIndexOf(" AS ");
            columns.add(as < 0 ? item : item.substring(as + 4).trim());
        }
        return columns;
    }

    /** The job's closed rows of one window kind, by queue and window start. */
    private Map<String, Map<String, Number>> streamed(String kind, long until) {
        String columns = String.join(", ", EXACT);
        List<List<String>> rows =
                CLICKHOUSE.query(
                        "SELECT queue, toUInt64(window_start) * 1000, "
                                + columns
                                + ", sl_answered_only, sl_abandons_count_against, sl_left_queue,"
                                + " service_level, sl_convention, asa_ms, aht_ms, occupancy,"
                                + " agents_staffed, avg_waiting, erlang_agents_required,"
                                + " threshold_seconds"
                                + " FROM "
                                + Table.QUEUE_KPIS.qualifiedName()
                                + " FINAL WHERE tenant = '"
                                + tenant
                                + "' AND window_kind = '"
                                + kind
                                + "' AND closed = 1 AND toUInt64(window_end) * 1000 <= "
                                + until);
        Map<String, Map<String, Number>> out = new TreeMap<>();
        for (List<String> row : rows) {
            Map<String, Number> values = new TreeMap<>();
            for (int i = 0; i < EXACT.size(); i++) {
                values.put(EXACT.get(i), Long.parseLong(row.get(2 + i)));
            }
            int k = 2 + EXACT.size();
            String[] ratios = {
                "sl_answered_only", "sl_abandons_count_against", "sl_left_queue", "service_level"
            };
            for (String r : ratios) {
                values.put(r, nullableDouble(row.get(k++)));
            }
            assertThat(row.get(k++)).isEqualTo(ServiceLevelConvention.LEFT_QUEUE.label());
            for (String r :
                    new String[] {
                        "asa_ms", "aht_ms", "occupancy", "agents_staffed", "avg_waiting"
                    }) {
                values.put(r, nullableDouble(row.get(k++)));
            }
            String erlang = row.get(k++);
            values.put("erlang_agents_required", erlang == null ? null : Long.parseLong(erlang));
            values.put("threshold_seconds", Long.parseLong(row.get(k)));
            out.put(row.get(0) + "@" + row.get(1), values);
        }
        return out;
    }

    private static Double nullableDouble(String text) {
        return text == null ? null : Double.parseDouble(text);
    }

    /** Every counter exactly; every ratio as derived from the recomputed counters. */
    private static void compare(
            Map<String, Map<String, Number>> actual,
            Map<String, Map<String, Number>> expected,
            long windowMs) {
        for (Map.Entry<String, Map<String, Number>> e : expected.entrySet()) {
            String key = e.getKey();
            Map<String, Number> want = e.getValue();
            Map<String, Number> got = actual.get(key);
            String queue = key.substring(0, key.indexOf('@'));
            for (String column : EXACT) {
                assertThat(got.get(column)).as(key + " " + column).isEqualTo(want.get(column));
            }
            long answered = l(want, "answered");
            long within = l(want, "answered_within_threshold");
            long counted = answered + l(want, "abandoned") - l(want, "short_abandoned");
            long leftInTime = within + l(want, "abandoned_within_threshold");
            assertRatio(got, "sl_answered_only", within, answered, key);
            assertRatio(got, "sl_abandons_count_against", within, counted, key);
            assertRatio(got, "sl_left_queue", leftInTime, counted, key);
            assertRatio(got, "service_level", leftInTime, counted, key);
            assertRatio(got, "asa_ms", l(want, "total_wait_ms"), answered, key);
            long handled = l(want, "handled");
            long handling = l(want, "talk_ms") + l(want, "hold_ms") + l(want, "wrap_up_ms");
            assertRatio(got, "aht_ms", handling, handled, key);
            long working = l(want, "busy_ms") + l(want, "agent_wrap_up_ms");
            assertRatio(got, "occupancy", working, working + l(want, "ready_ms"), key);
            long loggedIn =
                    l(want, "ready_ms")
                            + l(want, "not_ready_ms")
                            + l(want, "busy_ms")
                            + l(want, "agent_wrap_up_ms");
            assertRatio(got, "agents_staffed", loggedIn, windowMs, key);
            assertRatio(got, "avg_waiting", l(want, "waiting_ms"), windowMs, key);
            Double aht = handled == 0 ? null : (double) handling / handled;
            Integer required =
                    Staffing.agentsRequired(l(want, "offered"), windowMs, aht, TARGETS.of(queue));
            assertThat(got.get("erlang_agents_required"))
                    .as(key + " erlang_agents_required")
                    .isEqualTo(required == null ? null : required.longValue());
            assertThat(got.get("threshold_seconds"))
                    .as(key + " threshold")
                    .isEqualTo((long) TARGETS.thresholdSeconds(queue));
        }
    }

    private static void assertRatio(
            Map<String, Number> got, String column, long numerator, long denominator, String key) {
        Number value = got.get(column);
        if (denominator == 0) {
            assertThat(value).as(key + " " + column).isNull();
        } else {
            assertThat(value).as(key + " " + column).isNotNull();
            assertThat(value.doubleValue())
                    .as(key + " " + column)
                    .isCloseTo(
                            (double) numerator / denominator,
                            org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    private static long l(Map<String, Number> row, String column) {
        Number n = row.get(column);
        return n == null ? 0 : n.longValue();
    }

    private static long sum(Map<String, Map<String, Number>> rows, String column) {
        return rows.values().stream().mapToLong(r -> l(r, column)).sum();
    }
}
