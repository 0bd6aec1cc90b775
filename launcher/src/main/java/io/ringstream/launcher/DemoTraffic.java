package io.ringstream.launcher;

import io.ringstream.pbxsim.traffic.QueueProfile;
import io.ringstream.pbxsim.traffic.SimulationConfig;
import java.util.List;

/**
 * The traffic {@code ./ringstream up} simulates: a busy mid-size center played in real time, so a
 * one-minute run already shows waits, abandons and service level moving on every queue. Staffing
 * sits a few agents above the Erlang load (A = arrivals × handle time), where queues form but do
 * not explode.
 */
final class DemoTraffic {
    private DemoTraffic() {}

    static SimulationConfig config(long seed) {
        return SimulationConfig.defaults(seed)
                .withQueues(
                        List.of(
                                // 1500/h × 120 s = 50 Erlangs
                                QueueProfile.voice("sales", 1500, 120, 60, 52),
                                // 900/h × 180 s = 45 Erlangs
                                QueueProfile.voice("support", 900, 180, 90, 47),
                                // 720/h × 300 s = 60 chats on 22 agents × 3
                                QueueProfile.chat("webchat", 720, 300, 180, 22, 3)));
    }
}
