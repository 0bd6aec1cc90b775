package io.ringstream.pbxsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.events.AgentEvent;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.InteractionEvent;
import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.traffic.Emission;
import io.ringstream.pbxsim.traffic.SimulationConfig;
import io.ringstream.pbxsim.traffic.TrafficModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Live playback plays exactly the seeded model, survives a failing consumer and stops cleanly. */
class TrafficSimulatorTest {

    /** Collects what the simulator plays. */
    static final class RecordingSink implements SimulatorSink {
        final List<ContactEvent> contacts = new CopyOnWriteArrayList<>();
        final List<AgentEvent> agents = new CopyOnWriteArrayList<>();
        final List<InteractionEvent> interactions = new CopyOnWriteArrayList<>();

        @Override
        public void contact(ContactEvent event) {
            contacts.add(event);
        }

        @Override
        public void agent(AgentEvent event) {
            agents.add(event);
        }

        @Override
        public void interaction(InteractionEvent event) {
            interactions.add(event);
        }
    }

    @Test
    void playsTheSeededModelAndStopsCleanly() {
        Instant start = Instant.parse("2024-05-14T09:00:00Z");
        // An hour of traffic per wall-clock second.
        SimulationConfig config = SimulationConfig.defaults(42).withTimeScale(3600);
        List<AmiFrame> frames = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink();
        TrafficSimulator simulator = new TrafficSimulator(config, frames::add, sink);

        simulator.start(start);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                frames.size() >= 200
                                        && sink.contacts.size() >= 20
                                        && !sink.interactions.isEmpty()
                                        && !sink.agents.isEmpty());
        simulator.close();

        assertThat(simulator.isRunning()).isFalse();
        TrafficSimulator.Stats stats = simulator.stats();
        assertThat(stats.voiceFrames()).isEqualTo(frames.size());
        assertThat(stats.contactEvents()).isEqualTo(sink.contacts.size());
        assertThat(stats.sinkErrors()).isZero();
        // Playback is the model's sequence, not a variant of it.
        TrafficModel model = new TrafficModel(config, start.getEpochSecond() * 1_000_000L);
        List<AmiFrame> expected = new ArrayList<>();
        while (expected.size() < 200) {
            if (model.next() instanceof Emission.Voice v) {
                expected.add(v.frame());
            }
        }
        assertThat(frames.subList(0, 200)).isEqualTo(expected);
    }

    @Test
    void aFailingConsumerIsCountedAndPlaybackGoesOn() {
        SimulationConfig config = SimulationConfig.defaults(1).withTimeScale(3600);
        List<AmiFrame> frames = new CopyOnWriteArrayList<>();
        RecordingSink sink = new RecordingSink();
        try (TrafficSimulator simulator =
                new TrafficSimulator(
                        config,
                        frame -> {
                            if ("Hangup".equals(frame.eventName())) {
                                throw new IllegalStateException("consumer broke");
                            }
                            frames.add(frame);
                        },
                        sink)) {
            simulator.start();

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> simulator.stats().sinkErrors() >= 3 && frames.size() >= 100);
        }
    }
}
