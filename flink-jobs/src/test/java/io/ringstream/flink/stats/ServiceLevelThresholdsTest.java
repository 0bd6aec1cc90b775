package io.ringstream.flink.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Parsing the per-queue thresholds operators configure as text. */
class ServiceLevelThresholdsTest {

    @Test
    void parsesPerQueueThresholdsWithTheDefaultForOthers() {
        ServiceLevelThresholds t = ServiceLevelThresholds.parse(" sales=20, support=30 ");
        assertThat(t.secondsFor("sales")).isEqualTo(20);
        assertThat(t.secondsFor("support")).isEqualTo(30);
        assertThat(t.millisFor("billing")).isEqualTo(20_000);
    }

    @Test
    void aBareNumberSetsTheDefault() {
        ServiceLevelThresholds t = ServiceLevelThresholds.parse("45,vip=10");
        assertThat(t.secondsFor("other")).isEqualTo(45);
        assertThat(t.secondsFor("vip")).isEqualTo(10);
    }

    @Test
    void blankMeansDefaults() {
        assertThat(ServiceLevelThresholds.parse("  ").secondsFor("x")).isEqualTo(20);
        assertThat(ServiceLevelThresholds.parse(null).secondsFor("x")).isEqualTo(20);
    }

    @Test
    void rejectsMalformedEntries() {
        assertThatThrownBy(() -> ServiceLevelThresholds.parse("sales=abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sales=abc");
        assertThatThrownBy(() -> ServiceLevelThresholds.parse("=20"))
                .hasMessageContaining("no queue name");
        assertThatThrownBy(() -> ServiceLevelThresholds.parse("sales=-1"))
                .hasMessageContaining(">= 0");
    }
}
