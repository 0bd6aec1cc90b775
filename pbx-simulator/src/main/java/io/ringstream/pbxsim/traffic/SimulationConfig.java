package io.ringstream.pbxsim.traffic;

import java.util.List;

/**
 * Everything that determines a simulation run: the same config and start time always produce the
 * same events.
 *
 * @param timeScale simulated seconds per wall-clock second when played live (1 = real time)
 * @param pauseRatePerAgentHour how often an idle agent takes a break or logs out, per hour
 * @param meanPauseSeconds mean break length (exponential)
 * @param ringNoAnswerProbability chance that an offered voice call rings out (then auto-pause)
 * @param logoutShare share of breaks that are a log-out and later log-in instead of a pause
 */
public record SimulationConfig(
        long seed,
        List<QueueProfile> queues,
        double timeScale,
        double pauseRatePerAgentHour,
        double meanPauseSeconds,
        double ringNoAnswerProbability,
        double logoutShare) {

    public SimulationConfig {
        queues = List.copyOf(queues);
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("at least one queue");
        }
        if (timeScale <= 0) {
            throw new IllegalArgumentException("timeScale must be positive");
        }
        if (queues.stream().map(QueueProfile::name).distinct().count() != queues.size()) {
            throw new IllegalArgumentException("queue names must be unique");
        }
    }

    /**
     * A small contact center: voice queues sales (120/h, 3 min, 8 agents) and support (60/h, 5 min,
     * 6 agents), and chat queue webchat (90/h, 7 min, 4 agents × 3 chats).
     */
    public static SimulationConfig defaults(long seed) {
        return new SimulationConfig(
                seed,
                List.of(
                        QueueProfile.voice("sales", 120, 180, 90, 8),
                        QueueProfile.voice("support", 60, 300, 120, 6),
                        QueueProfile.chat("webchat", 90, 420, 240, 4, 3)),
                1.0,
                1.5,
                300,
                0.05,
                0.15);
    }

    public SimulationConfig withTimeScale(double scale) {
        return new SimulationConfig(
                seed,
                queues,
                scale,
                pauseRatePerAgentHour,
                meanPauseSeconds,
                ringNoAnswerProbability,
                logoutShare);
    }

    public SimulationConfig withQueues(List<QueueProfile> newQueues) {
        return new SimulationConfig(
                seed,
                newQueues,
                timeScale,
                pauseRatePerAgentHour,
                meanPauseSeconds,
                ringNoAnswerProbability,
                logoutShare);
    }
}
