package io.ringstream.flink.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.analytics.kpi.QueueTargets;
import io.ringstream.analytics.kpi.ServiceLevelConvention;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SLA job's configuration from the environment, as docker-compose passes it. */
class SlaJobConfigTest {
    private static final Map<String, String> REQUIRED =
            Map.of(
                    "RINGSTREAM_KAFKA_BOOTSTRAP", "kafka:9092",
                    "RINGSTREAM_CLICKHOUSE_URL", "jdbc:clickhouse://clickhouse:8123/ringstream");

    @Test
    void defaultsWhenOnlyTheEndpointsAreGiven() {
        SlaJobConfig c = SlaJobConfig.fromEnv(REQUIRED);

        assertThat(c.targets().of("any")).isEqualTo(QueueTargets.DEFAULT);
        assertThat(c.convention()).isEqualTo(ServiceLevelConvention.ANSWERED_ONLY);
        assertThat(c.shortAbandon()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.warningFraction()).isEqualTo(0.8);
        assertThat(c.kpiSettings().intervalMinutes()).isEqualTo(15);
        assertThat(c.kpiSettings().slidingMinutes()).isEqualTo(5);
        assertThat(c.advanceWhenSilent()).isTrue();
        assertThat(c.checkpointDir()).isNull();
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_SL_TARGETS", "sales=90/30");
        env.put("RINGSTREAM_SL_CONVENTION", "left-queue");
        env.put("RINGSTREAM_SHORT_ABANDON_SECONDS", "3");
        env.put("RINGSTREAM_SLA_WARNING_FRACTION", "0.5");
        env.put("RINGSTREAM_INTERVAL_MINUTES", "30");
        env.put("RINGSTREAM_SLA_CHECKPOINT_DIR", "/tmp/sla-chk");

        SlaJobConfig c = SlaJobConfig.fromEnv(env);

        assertThat(c.targets().of("sales")).isEqualTo(new QueueTargets.Target(0.9, 30));
        assertThat(c.convention()).isEqualTo(ServiceLevelConvention.LEFT_QUEUE);
        assertThat(c.slaSettings().shortAbandon()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.kpiSettings().shortAbandonMillis()).isEqualTo(3_000);
        assertThat(c.warningFraction()).isEqualTo(0.5);
        assertThat(c.kpiSettings().intervalMinutes()).isEqualTo(30);
        assertThat(c.checkpointDir()).isEqualTo("file:///tmp/sla-chk");
    }

    @Test
    void theQueueStatsThresholdsServeWhenNoTargetsAreGiven() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_SL_THRESHOLDS", "sales=20,support=30");

        assertThat(SlaJobConfig.fromEnv(env).targets().of("support"))
                .isEqualTo(new QueueTargets.Target(0.8, 30));
    }

    @Test
    void malformedValuesNameTheirVariable() {
        Map<String, String> env = new java.util.HashMap<>(REQUIRED);
        env.put("RINGSTREAM_SLA_WARNING_FRACTION", "1.5");
        assertThatThrownBy(() -> SlaJobConfig.fromEnv(env)).hasMessageContaining("warningFraction");
        env.put("RINGSTREAM_SLA_WARNING_FRACTION", "lots");
        assertThatThrownBy(() -> SlaJobConfig.fromEnv(env))
                .hasMessageContaining("RINGSTREAM_SLA_WARNING_FRACTION");
        assertThatThrownBy(() -> SlaJobConfig.fromEnv(Map.of()))
                .hasMessageContaining("RINGSTREAM_KAFKA_BOOTSTRAP");
    }
}
