package io.ringstream.analytics.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Targets and conventions as people write them in configuration. */
class QueueTargetsTest {

    @Test
    void parsesPerQueueTargetsADefaultAndBareThresholds() {
        QueueTargets targets = QueueTargets.parse("sales=80/20, support=90/30s, 85/15, chat=45");

        assertThat(targets.of("sales")).isEqualTo(new QueueTargets.Target(0.8, 20));
        assertThat(targets.of("support")).isEqualTo(new QueueTargets.Target(0.9, 30));
        assertThat(targets.of("chat")).isEqualTo(new QueueTargets.Target(0.8, 45));
        assertThat(targets.of("other")).isEqualTo(new QueueTargets.Target(0.85, 15));
        assertThat(QueueTargets.parse("").of("x")).isEqualTo(QueueTargets.DEFAULT);
        assertThat(QueueTargets.DEFAULT).hasToString("80/20");
    }

    @Test
    void rejectsWhatIsNotATarget() {
        assertThatThrownBy(() -> QueueTargets.parse("sales=eighty/20"))
                .hasMessageContaining("sales=eighty/20");
        assertThatThrownBy(() -> QueueTargets.parse("sales=100/20")).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> QueueTargets.parse("=80/20")).hasMessageContaining("no queue");
    }

    @Test
    void conventionsAreNamedAsConfiguredAndUnknownOnesListTheKnown() {
        assertThat(ServiceLevelConvention.parse("left-queue"))
                .isEqualTo(ServiceLevelConvention.LEFT_QUEUE);
        assertThat(ServiceLevelConvention.parse("ABANDONS_COUNT_AGAINST"))
                .isEqualTo(ServiceLevelConvention.ABANDONS_COUNT_AGAINST);
        assertThatThrownBy(() -> ServiceLevelConvention.parse("genesys"))
                .hasMessageContaining("answered-only")
                .hasMessageContaining("left-queue");
    }

    @Test
    void staffingNeedsArrivalsAndAHandleTime() {
        QueueTargets.Target t = new QueueTargets.Target(0.8, 20);
        assertThat(Staffing.agentsRequired(0, 900_000, 240_000.0, t)).isZero();
        assertThat(Staffing.agentsRequired(5, 900_000, null, t)).isNull();
        // The worked example: 360 calls per 30 minutes at AHT 240 s need 54 agents for 80/20.
        assertThat(Staffing.agentsRequired(360, 1_800_000, 240_000.0, t)).isEqualTo(54);
    }
}
