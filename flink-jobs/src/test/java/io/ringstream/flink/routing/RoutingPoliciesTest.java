package io.ringstream.flink.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.Strategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Queue policies come from a JSON file operators can read and write. */
class RoutingPoliciesTest {

    @Test
    void readsStepsStrategiesAndTimeouts() {
        RoutingConfig config =
                RoutingPolicies.fromJson(
                        """
                        {"queues": {"support": {
                            "steps": [{"seconds": 15, "minProficiency": 4},
                                      {"seconds": 2.5, "minProficiency": 2, "overflow": ["sales"]},
                                      {"anyAgent": true}],
                            "strategy": "round_robin", "offerTimeoutSeconds": 20,
                            "wrapUpSeconds": 30, "maxMisses": 2}},
                         "fallback": {"strategy": "LONGEST_IDLE"},
                         "tierPriority": {"gold": 2}, "seed": 7}
                        """);

        QueuePolicy support = config.policy("support");
        assertThat(support.steps()).hasSize(3);
        assertThat(support.steps().get(0).duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(support.steps().get(0).minProficiency()).isEqualTo(4);
        assertThat(support.steps().get(1).duration()).isEqualTo(Duration.ofMillis(2_500));
        assertThat(support.steps().get(1).overflowQueues()).isEqualTo(List.of("sales"));
        assertThat(support.steps().get(2).duration()).isNull();
        assertThat(support.steps().get(2).anyAgentOfQueue()).isTrue();
        assertThat(support.strategy()).isEqualTo(Strategy.ROUND_ROBIN);
        assertThat(support.offerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(support.wrapUp()).isEqualTo(Duration.ofSeconds(30));
        assertThat(support.maxConsecutiveMisses()).isEqualTo(2);
        assertThat(config.policy("other").strategy()).isEqualTo(Strategy.LONGEST_IDLE);
        assertThat(config.tierPriority("gold")).isEqualTo(2);
        assertThat(config.seed()).isEqualTo(7);
    }

    @Test
    void rejectsWhatItCannotUse() {
        assertThatThrownBy(() -> RoutingPolicies.fromJson("[1]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON object");
        assertThatThrownBy(
                        () ->
                                RoutingPolicies.fromJson(
                                        "{\"queues\":{\"q\":{\"offerTimeoutSeconds\":\"soon\"}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seconds");
        assertThatThrownBy(
                        () ->
                                RoutingPolicies.fromJson(
                                        "{\"queues\":{\"q\":{\"steps\":[{\"minProficiency\":4},"
                                                + "{\"seconds\":3}]}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only the last step");
    }
}
