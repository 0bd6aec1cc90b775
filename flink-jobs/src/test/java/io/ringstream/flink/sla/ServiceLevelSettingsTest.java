package io.ringstream.flink.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.analytics.kpi.QueueTargets;
import io.ringstream.analytics.kpi.ServiceLevelConvention;
import io.ringstream.flink.kit.runtime.JobVariables;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SLA job's settings from the environment, as docker-compose passes it. */
class ServiceLevelSettingsTest {

    private static ServiceLevelSettings from(Map<String, String> env) {
        return ServiceLevelSettings.from(JobVariables.of(env));
    }

    @Test
    void defaultsWhenNothingIsSet() {
        ServiceLevelSettings s = from(Map.of());

        assertThat(s.kpis().targets().of("any")).isEqualTo(QueueTargets.DEFAULT);
        assertThat(s.kpis().wallboardConvention()).isEqualTo(ServiceLevelConvention.ANSWERED_ONLY);
        assertThat(s.slaSettings().shortAbandon()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.warningFraction()).isEqualTo(0.8);
        assertThat(s.kpis().intervalMinutes()).isEqualTo(15);
        assertThat(s.kpis().slidingMinutes()).isEqualTo(5);
        assertThat(s.kpiRefresh()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.advanceWhenSilent()).isTrue();
        assertThat(ServiceLevelJob.DEFINITION.consumerGroup()).isEqualTo("ringstream-sla");
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> env = new HashMap<>();
        env.put("RINGSTREAM_SL_TARGETS", "sales=90/30");
        env.put("RINGSTREAM_SL_CONVENTION", "left-queue");
        env.put("RINGSTREAM_SHORT_ABANDON_SECONDS", "3");
        env.put("RINGSTREAM_SLA_WARNING_FRACTION", "0.5");
        env.put("RINGSTREAM_INTERVAL_MINUTES", "30");

        ServiceLevelSettings s = from(env);

        assertThat(s.kpis().targets().of("sales")).isEqualTo(new QueueTargets.Target(0.9, 30));
        assertThat(s.kpis().wallboardConvention()).isEqualTo(ServiceLevelConvention.LEFT_QUEUE);
        assertThat(s.slaSettings().shortAbandon()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.kpis().shortAbandonMillis()).isEqualTo(3_000);
        assertThat(s.warningFraction()).isEqualTo(0.5);
        assertThat(s.kpis().intervalMinutes()).isEqualTo(30);
    }

    @Test
    void theRetiredThresholdsVariableIsRefusedWithItsReplacement() {
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_SL_THRESHOLDS", "sales=20,support=30")))
                .hasMessageContaining("RINGSTREAM_SL_THRESHOLDS was replaced by")
                .hasMessageContaining("RINGSTREAM_SL_TARGETS=sales=20,support=30");
    }

    @Test
    void malformedValuesNameTheirVariable() {
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_SLA_WARNING_FRACTION", "1.5")))
                .hasMessageContaining("warningFraction");
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_SLA_WARNING_FRACTION", "lots")))
                .hasMessageContaining("RINGSTREAM_SLA_WARNING_FRACTION");
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_SL_TARGETS", "sales=eighty")))
                .hasMessageContaining("RINGSTREAM_SL_TARGETS");
        assertThatThrownBy(() -> from(Map.of("RINGSTREAM_INTERVAL_MINUTES", "7")))
                .hasMessageContaining("1440");
    }
}
