package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.pbxsim.SimulatorSink;
import io.ringstream.pbxsim.TrafficSimulator;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.traffic.QueueProfile;
import io.ringstream.pbxsim.traffic.SimulationConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Everything the traffic simulator says over AMI is something the bridge understands: hours of
 * simulated voice traffic produce contact and agent events and not one dead letter.
 */
class AmiBridgeSimulatorTest {

    private static final SimulatorSink NO_CHAT =
            new SimulatorSink() {
                @Override
                public void contact(ContactEvent event) {}

                @Override
                public void agent(AgentEvent event) {}

                @Override
                public void interaction(InteractionEvent event) {}
            };

    @Test
    void simulatedVoiceTrafficMapsWithoutDeadLetters() {
        RecordingSink sink = new RecordingSink();
        SimulationConfig config =
                SimulationConfig.defaults(2024)
                        .withQueues(
                                List.of(
                                        QueueProfile.voice("sales", 120, 180, 90, 8),
                                        QueueProfile.voice("support", 60, 300, 120, 6)))
                        .withTimeScale(1800);
        try (AmiServer server = AmiServer.start(0, "ringstream", "s3cret");
                AmiBridge bridge =
                        new AmiBridge(
                                BridgeConfig.of(
                                        "unused:9092",
                                        "127.0.0.1",
                                        server.port(),
                                        "ringstream",
                                        "s3cret"),
                                sink);
                TrafficSimulator simulator = new TrafficSimulator(config, server, NO_CHAT)) {
            bridge.start();
            await().atMost(Duration.ofSeconds(30)).until(bridge::isConnected);
            simulator.start();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> sink.contacts.size() >= 1_000 && sink.agents.size() >= 100);

            assertThat(sink.deadLetters).isEmpty();
            assertThat(bridge.stats().ignoredByEvent().keySet())
                    .isSubsetOf("FullyBooted", "Newchannel", "Hangup");
        }
    }
}
