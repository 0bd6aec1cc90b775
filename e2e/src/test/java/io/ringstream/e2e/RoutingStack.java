package io.ringstream.e2e;

import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.flink.kit.clickhouse.SinkTuning;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.routing.RoutingJob;
import io.ringstream.flink.routing.RoutingSettings;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.RoutingStep;
import io.ringstream.routing.kafka.RoutingFeeds;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import io.ringstream.testkit.PostgresDatabases;
import io.ringstream.testkit.TargetDirectories;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Starts what routing needs besides Kafka and ClickHouse: the routing job (on the test's Flink
 * MiniCluster) and routing-service (a real Micronaut server on a free port), wired to each other
 * only through Kafka, as in production.
 */
final class RoutingStack {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private RoutingStack() {}

    /**
     * The acceptance queue "support": step 1 needs billing proficiency >= 4 for 3 s, step 2 >= 2
     * for 3 s, then any agent; offers ring 5 s; 60 s wrap-up; 3 misses make an agent not ready.
     */
    static RoutingConfig supportPolicy() {
        return RoutingConfig.of(
                QueuePolicy.simple("support")
                        .withSteps(
                                RoutingStep.atLeast(4, Duration.ofSeconds(3)),
                                RoutingStep.atLeast(2, Duration.ofSeconds(3)))
                        .withOfferTimeout(Duration.ofSeconds(5))
                        .withWrapUp(Duration.ofSeconds(60))
                        .withMaxConsecutiveMisses(3));
    }

    static JobConfig<RoutingSettings> jobConfig(
            String kafka, String clickHouse, String checkpointDir) {
        return RoutingJob.DEFINITION
                .defaults(kafka, clickHouse)
                .withConsumerGroup("e2e-routing")
                .withSettings(s -> s.withRouting(supportPolicy()))
                .withCheckpointInterval(Duration.ofMillis(500))
                .withCheckpointDir(checkpointDir)
                .withSinkTuning(new SinkTuning(100, Duration.ofMillis(200), 3));
    }

    static JobClient startJob(JobConfig<RoutingSettings> config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return RoutingJob.DEFINITION.startLocal(config, env);
    }

    /** The key the test services sign and check tokens with; clients sign theirs with it too. */
    static final Path SIGNING_KEY = Path.of("target/e2e-security/jwt.key");

    /** Signs real tokens for the callers of a test service (PBX, agents, supervisors). */
    static TokenIssuer tokens() {
        return new TokenIssuer(SigningKey.loadOrCreate(SIGNING_KEY), Clock.systemUTC());
    }

    /**
     * The customer store: a fresh database on the test JVM's real PostgreSQL server
     * (routing-service migrates it), so routes identify callers and offers carry customer cards.
     * The deadlines of both are generous: a loaded test machine must not turn a caller into an
     * unknown one.
     */
    static Map<String, Object> customerStore() {
        PostgresDatabases.Database db = PostgresDatabases.fresh("e2e");
        return Map.of(
                "datasources.default.url", db.jdbcUrl(),
                "datasources.default.username", db.user(),
                "datasources.default.password", db.password(),
                "ringstream.routing.caller-identification-timeout", "10s",
                "ringstream.routing.customer-card-timeout", "10s");
    }

    /**
     * routing-service on a free port with its own customer store, its Kafka feeds positioned before
     * it returns.
     */
    static EmbeddedServer startService(String kafka, String clickHouse) {
        return startService(kafka, clickHouse, Map.of());
    }

    static EmbeddedServer startService(String kafka, String clickHouse, Map<String, Object> more) {
        Path users = TargetDirectories.create("e2e-users-").resolve("users.json");
        Map<String, Object> properties = new HashMap<>(customerStore());
        properties.putAll(
                Map.of(
                        "ringstream.kafka.bootstrap",
                        kafka,
                        "ringstream.clickhouse.url",
                        clickHouse,
                        "ringstream.routing.route-wait",
                        "500ms",
                        "micronaut.server.port",
                        -1,
                        "ringstream.security.jwt-secret-file",
                        SIGNING_KEY.toString(),
                        "ringstream.security.users-file",
                        users.toString()));
        properties.putAll(more);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        RoutingFeeds feeds = server.getApplicationContext().getBean(RoutingFeeds.class);
        await().atMost(TIMEOUT).until(feeds::ready);
        return server;
    }
}
