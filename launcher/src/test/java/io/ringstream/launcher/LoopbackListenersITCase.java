package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ringstream.kafka.EmbeddedKafkaBroker;
import io.ringstream.pbxsim.ami.AmiServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code up} starts in its own JVM listens on loopback only: a Flink MiniCluster with the
 * launcher's configuration (its REST API can cancel jobs; its blob server serves job jars), the
 * embedded Kafka broker and the PBX simulator's AMI endpoint. Each test compares this JVM's
 * listening sockets before and after starting one part. (ClickHouse's listen_host is held by the
 * clickhouse module's ServerConfigTest.)
 */
class LoopbackListenersITCase {
    @TempDir Path dir;

    private Map<Long, InetSocketAddress> before;

    @BeforeEach
    void listenersBefore() throws Exception {
        assumeTrue(ListeningSockets.supported(), "needs Linux /proc");
        before = ListeningSockets.ofThisProcess();
    }

    @Test
    void theFlinkConfigurationBindsRestAndBlobServerToLoopback() {
        Configuration config = LocalFlinkConfig.loopbackOnly();

        assertThat(config.get(RestOptions.BIND_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(config.get(RestOptions.ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(config.get(JobManagerOptions.BIND_HOST)).isEqualTo("127.0.0.1");
    }

    @Test
    void aMiniClusterAsUpStartsItListensOnLoopbackOnly() throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        1, LocalFlinkConfig.loopbackOnly());
        env.fromSequence(0, Long.MAX_VALUE).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("loopback-only");
        try {
            // At least the REST endpoint and the blob server.
            assertOnlyLoopback(2);
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void theEmbeddedKafkaBrokerListensOnLoopbackOnly() throws Exception {
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0)) {
            // The client listener and the controller listener.
            assertOnlyLoopback(2);
        }
    }

    @Test
    void thePbxSimulatorListensOnLoopbackOnly() throws Exception {
        try (AmiServer ami =
                AmiServer.start(0, UpOptions.SIMULATOR_USER, UpOptions.randomSecret())) {
            assertOnlyLoopback(1);
        }
    }

    private void assertOnlyLoopback(int atLeast) throws Exception {
        Map<Long, InetSocketAddress> opened = new HashMap<>(ListeningSockets.ofThisProcess());
        opened.keySet().removeAll(before.keySet());
        assertThat(opened).hasSizeGreaterThanOrEqualTo(atLeast);
        assertThat(opened.values())
                .allSatisfy(
                        address ->
                                assertThat(address.getAddress().isLoopbackAddress())
                                        .as("%s listens beyond loopback", address)
                                        .isTrue());
    }
}
