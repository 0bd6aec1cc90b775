package io.ringstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.topics.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Declarative registration: the extension arrives as a parameter, on the JVM's shared broker. */
@ExtendWith(KafkaExtension.class)
class KafkaExtensionParameterITCase {

    @Test
    void resolvesAsAParameterAndMarksBeforeTheTest(KafkaExtension kafka) {
        AgentEvent event =
                AgentEvent.of(
                        EventIds.of("testkit", "kx-param-agent", "login"),
                        AgentEventType.LOGGED_IN,
                        "kx-param-agent",
                        1_700_000_000_000L,
                        "testkit-test",
                        null,
                        null);
        kafka.produce(Topics.AGENT_EVENTS, event);

        assertThat(kafka.awaitRecords(Topics.AGENT_EVENTS, 1, Duration.ofSeconds(30)))
                .containsExactly(event);
    }
}
