package io.ringstream.pbxsim.traffic;

import io.ringstream.events.Channel;
import io.ringstream.pbxsim.ami.AmiTime;
import io.ringstream.pbxsim.flow.CallFlows;
import io.ringstream.pbxsim.flow.QueueTracker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * The seeded discrete-event model behind the simulator, kept apart from any clock or socket so it
 * can be tested fast: the same config and start instant always yield the same emissions. Traffic
 * never ends; pull as many emissions as you need with {@link #next()}. Not thread-safe.
 */
public final class TrafficModel {
    private final Scheduler clock;
    private final Deque<Emission> pending = new ArrayDeque<>();
    private final QueueTracker positions = new QueueTracker();

    public TrafficModel(SimulationConfig config, long startEpochMicros) {
        this.clock = new Scheduler(startEpochMicros);
        CallFlows flows = new CallFlows();
        List<QueueProfile> queues = config.queues();
        for (int i = 0; i < queues.size(); i++) {
            QueueProfile q = queues.get(i);
            // One stream per queue, so adding a queue does not change the traffic of the others.
            Random rng = new Random(config.seed() * 1_000_003L + q.name().hashCode());
            if (q.channel() == Channel.VOICE) {
                new VoiceQueue(
                                q,
                                i,
                                config,
                                clock,
                                rng,
                                flows,
                                frame ->
                                        pending.add(
                                                new Emission.Voice(
                                                        AmiTime.parseMicros(frame.get("Timestamp")),
                                                        positions.apply(frame))),
                                pending::add)
                        .start();
            } else {
                new ChatQueue(q, i, config, clock, rng, pending::add).start();
            }
        }
    }

    /** The next emission in simulated-time order. */
    public Emission next() {
        while (pending.isEmpty()) {
            if (!clock.runNext()) {
                throw new IllegalStateException("the model ran out of scheduled work");
            }
        }
        return pending.poll();
    }

    /** Emissions until (and excluding the first one after) {@code untilMicros}. */
    public List<Emission> until(long untilMicros) {
        List<Emission> out = new java.util.ArrayList<>();
        while (true) {
            Emission e = next();
            if (e.atMicros() > untilMicros) {
                pending.addFirst(e);
                return out;
            }
            out.add(e);
        }
    }
}
