package io.ringstream.sentiment.job.bench;

import io.ringstream.clickhouse.LocalClickHouseServer;
import io.ringstream.clickhouse.Table;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.Speaker;
import io.ringstream.events.topics.Topics;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.kafka.EventPublisher;
import io.ringstream.kafka.TopicInstaller;
import io.ringstream.sentiment.eval.EvaluationSet;
import io.ringstream.sentiment.eval.LabelledUtterance;
import io.ringstream.sentiment.job.SentimentJob;
import io.ringstream.sentiment.job.SentimentSettings;
import io.ringstream.sentiment.job.Utterances;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.awaitility.Awaitility;

/**
 * Measures how long an utterance takes from being produced to Kafka until its row is readable in
 * {@code utterance_sentiment}, through the real job (embedded Kafka, a local MiniCluster, a
 * clickhouse-server process, CoreNLP and the lexicon model). Prints percentiles; not a test. See
 * docs/benchmarks.md for the command.
 *
 * <p>Arguments: {@code rate} utterances per second (default 10, half English, half Spanish), {@code
 * seconds} to send for (30), {@code flushMs} the ClickHouse sinks' flush interval (1000, the
 * production default).
 */
public final class UtteranceToClickHouseLatency {
    private UtteranceToClickHouseLatency() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int flushMs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        Path dir = Files.createTempDirectory("sentiment-latency-");
        String tenant = "bench-" + UUID.randomUUID();
        List<String> en = texts("en");
        List<String> es = texts("es");

        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
                LocalClickHouseServer clickhouse =
                        LocalClickHouseServer.startOnFreePorts(dir.resolve("clickhouse"));
                EventPublisher publisher = EventPublisher.create(kafka.bootstrapServers())) {
            TopicInstaller.install(kafka.bootstrapServers(), Topics.ALL);
            clickhouse.migrate();
            JobConfig<SentimentSettings> config =
                    SentimentJob.DEFINITION
                            .defaults(kafka.bootstrapServers(), clickhouse.jdbcUrl())
                            .withSinkTuning(
                                    new SinkTuning(
                                            args.length > 3 ? Integer.parseInt(args[3]) : 1_000,
                                            Duration.ofMillis(flushMs),
                                            5));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            JobClient job = SentimentJob.DEFINITION.startLocal(config, env);

            // Warm up: the models load when the scoring operators open.
            InteractionEvent warm =
                    Utterances.chat(
                            tenant,
                            "warm-up",
                            Speaker.CUSTOMER,
                            System.currentTimeMillis(),
                            en.get(0),
                            "en");
            publisher.publish(Topics.INTERACTIONS, warm).get();
            waitFor(clickhouse, tenant, 1, Duration.ofMinutes(3));

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            Map<String, Long> seenAt = new ConcurrentHashMap<>();
            Map<String, Long> scoredAt = new ConcurrentHashMap<>();
            int total = rate * seconds;
            // Poll ClickHouse while sending: a row's latency ends when a query first returns it.
            Thread poller =
                    new Thread(
                            () -> poll(clickhouse, tenant, total + 1, seenAt, scoredAt),
                            "clickhouse-poller");
            poller.start();
            long period = 1_000_000_000L / rate;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long wait = start + i * period - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                boolean spanish = i % 2 == 1;
                List<String> texts = spanish ? es : en;
                String text = texts.get(i / 2 % texts.size());
                InteractionEvent e =
                        Utterances.chat(
                                tenant,
                                "conv-" + (i % 50),
                                Speaker.CUSTOMER,
                                System.currentTimeMillis(),
                                text + " #" + i,
                                null);
                sentAt.put(e.eventId(), System.currentTimeMillis());
                publisher.publish(Topics.INTERACTIONS, e);
            }
            publisher.flush();
            poller.join(300_000);
            job.cancel().get();

            List<Long> endToEnd = new ArrayList<>();
            List<Long> toScore = new ArrayList<>();
            sentAt.forEach(
                    (id, sent) -> {
                        Long seen = seenAt.get(id);
                        if (seen != null) {
                            endToEnd.add(seen - sent);
                            toScore.add(scoredAt.get(id) - sent);
                        }
                    });
            System.out.printf(
                    Locale.ROOT,
                    "utterances sent %d at %d/s (half en via CoreNLP, half es via lexicon-es),"
                            + " stored %d; ClickHouse flush interval %d ms%n",
                    total,
                    rate,
                    endToEnd.size(),
                    flushMs);
            print("produced -> scored (Kafka + async scoring)", toScore);
            print("produced -> readable in ClickHouse", endToEnd);
        }
        System.exit(0);
    }

    private static void poll(
            LocalClickHouseServer clickhouse,
            String tenant,
            int expected,
            Map<String, Long> seenAt,
            Map<String, Long> scoredAt) {
        long deadline = System.currentTimeMillis() + 600_000;
        while (seenAt.size() < expected && System.currentTimeMillis() < deadline) {
            for (List<String> row :
                    clickhouse
                            .jdbc()
                            .query(
                                    "SELECT event_id, scored_at_ms FROM"
                                            + " "
                                            + Table.UTTERANCE_SENTIMENT.qualifiedName()
                                            + " WHERE tenant = '"
                                            + tenant
                                            + "'")) {
                if (seenAt.putIfAbsent(row.get(0), System.currentTimeMillis()) == null) {
                    scoredAt.put(row.get(0), Long.parseLong(row.get(1)));
                }
            }
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        }
    }

    private static void print(String what, List<Long> millis) {
        Collections.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "%-45s p50 %5d ms   p95 %5d ms   p99 %5d ms   max %5d ms%n",
                what,
                pct(millis, 0.50),
                pct(millis, 0.95),
                pct(millis, 0.99),
                millis.isEmpty() ? -1 : millis.get(millis.size() - 1));
    }

    private static long pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static List<String> texts(String language) {
        return EvaluationSet.builtIn().stream()
                .flatMap(s -> s.utterances().stream())
                .filter(u -> u.language().equals(language))
                .map(LabelledUtterance::text)
                .toList();
    }

    private static void waitFor(LocalClickHouseServer ch, String tenant, long rows, Duration max) {
        Awaitility.await("the job stores the warm-up utterance")
                .atMost(max)
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () ->
                                ch.jdbc()
                                                .queryLong(
                                                        "SELECT count() FROM"
                                                                + " "
                                                                + Table.UTTERANCE_SENTIMENT
                                                                        .qualifiedName()
                                                                + " WHERE tenant = '"
                                                                + tenant
                                                                + "'")
                                        >= rows);
    }
}
