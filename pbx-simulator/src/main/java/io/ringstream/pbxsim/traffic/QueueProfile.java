package io.ringstream.pbxsim.traffic;

import io.ringstream.events.Channel;

/**
 * The traffic and staffing of one simulated queue.
 *
 * @param arrivalsPerHour mean of the Poisson arrival process
 * @param meanHandleSeconds mean talk (voice) or conversation (chat) time, log-normally spread
 * @param handleSigma shape of the log-normal handle time (0.5–0.8 is typical of real calls)
 * @param meanPatienceSeconds mean of the exponential caller patience: waiting longer abandons
 * @param agents staffed agents
 * @param chatCapacity concurrent chats per agent (ignored for voice)
 */
public record QueueProfile(
        String name,
        Channel channel,
        double arrivalsPerHour,
        double meanHandleSeconds,
        double handleSigma,
        double meanPatienceSeconds,
        int agents,
        int chatCapacity) {

    public QueueProfile {
        if (channel != Channel.VOICE && channel != Channel.CHAT) {
            throw new IllegalArgumentException("the simulator models VOICE and CHAT queues");
        }
        if (arrivalsPerHour <= 0 || meanHandleSeconds <= 0 || meanPatienceSeconds <= 0) {
            throw new IllegalArgumentException("rates and means must be positive: " + name);
        }
        if (agents < 1 || (channel == Channel.CHAT && chatCapacity < 1)) {
            throw new IllegalArgumentException("a queue needs agents (and chat capacity): " + name);
        }
    }

    public static QueueProfile voice(
            String name,
            double arrivalsPerHour,
            double meanHandleSeconds,
            double meanPatienceSeconds,
            int agents) {
        return new QueueProfile(
                name,
                Channel.VOICE,
                arrivalsPerHour,
                meanHandleSeconds,
                0.6,
                meanPatienceSeconds,
                agents,
                1);
    }

    public static QueueProfile chat(
            String name,
            double arrivalsPerHour,
            double meanHandleSeconds,
            double meanPatienceSeconds,
            int agents,
            int chatCapacity) {
        return new QueueProfile(
                name,
                Channel.CHAT,
                arrivalsPerHour,
                meanHandleSeconds,
                0.6,
                meanPatienceSeconds,
                agents,
                chatCapacity);
    }
}
