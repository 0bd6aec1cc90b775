package io.ringstream.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.ringstream.flink.kit.checkpoint.Checkpoints;
import io.ringstream.flink.kit.runtime.JobConfig;
import io.ringstream.flink.routing.RoutingSettings;
import io.ringstream.testkit.ClickHouseExtension;
import io.ringstream.testkit.FlinkMiniCluster;
import io.ringstream.testkit.KafkaExtension;
import io.ringstream.testkit.TargetDirectories;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 3's acceptance, restart: contacts waiting when the routing job stops are still waiting
 * after it restarts from its retained checkpoint, in the same order, and get routed, although
 * nobody sends them again (routing-service queues a contact only once).
 */
class RoutingRestartITCase {
    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
    @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.withSlots(1);

    private final Path checkpoints = TargetDirectories.create("checkpoints-");
    private JobClient job;
    private EmbeddedServer service;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (job != null && !job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    @Test
    void waitingContactsSurviveARestartFromCheckpointAndStillGetRouted() throws Exception {
        JobConfig<RoutingSettings> config =
                RoutingStack.jobConfig(
                        KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl(), checkpoints.toString());
        job = RoutingStack.startJob(config);
        service = RoutingStack.startService(KAFKA.bootstrapServers(), CLICKHOUSE.jdbcUrl());
        RoutingApi api =
                new RoutingApi(
                        service.getURL().toString(),
                        "e2e-" + UUID.randomUUID().toString().substring(0, 8),
                        RoutingStack.tokens());
        api.login("a1", 5, "es");
        api.route("w1", Map.of("billing", 1), 0);
        api.route("w2", Map.of("billing", 1), 0);
        await().atMost(RoutingStack.TIMEOUT)
                .until(
                        () ->
                                api.route("w2", Map.of("billing", 1), 0).path("position").asInt()
                                        == 2);
        long seen = latestCheckpoint();
        await().atMost(RoutingStack.TIMEOUT).until(() -> latestCheckpoint() >= seen + 2);

        job.cancel().get();
        await().atMost(RoutingStack.TIMEOUT)
                .until(() -> job.getJobStatus().get() == JobStatus.CANCELED);
        Path retained = Checkpoints.latestRetained(checkpoints).orElseThrow();
        job = RoutingStack.startJob(config.withRestorePath(retained.toString()));
        api.ready("a1");

        JsonNode first =
                await().atMost(RoutingStack.TIMEOUT)
                        .until(
                                () -> api.route("w1", Map.of("billing", 1), 1_000),
                                a -> a.get("action").asText().equals("CONNECT"));
        assertThat(first.get("target").asText()).isEqualTo("PJSIP/a1");
        api.accept("a1", first.get("offerId").asText());
        await().atMost(RoutingStack.TIMEOUT)
                .until(
                        () ->
                                api.route("w2", Map.of("billing", 1), 0).path("position").asInt()
                                        == 1);

        api.loginReady("a2", 5, "es");
        JsonNode routed =
                await().atMost(RoutingStack.TIMEOUT)
                        .until(
                                () -> api.route("w2", Map.of("billing", 1), 1_000),
                                a -> a.get("action").asText().equals("CONNECT"));
        assertThat(routed.get("target").asText()).isEqualTo("PJSIP/a2");
    }

    private long latestCheckpoint() {
        return Checkpoints.latestRetained(checkpoints).map(Checkpoints::number).orElse(0L);
    }
}
