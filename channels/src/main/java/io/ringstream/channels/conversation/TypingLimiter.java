package io.ringstream.channels.conversation;

import java.util.HashMap;
import java.util.Map;

/**
 * The rate limit on typing signals: each sender's signal is passed on at most once per interval,
 * because a widget sends one per keystroke and the other side needs only "still typing" now and
 * then (docs/channels.md, "Typing signals").
 *
 * <p>Time is passed in as milliseconds; the gateway should read a monotonic source. If the time
 * goes backwards for a sender, the next signal passes and restarts that sender's interval: a typing
 * signal is cosmetic, and silencing a sender until a wall clock catches up would be worse than one
 * extra signal.
 *
 * <p>State and its lifetime: the time of each sender's last passed signal, kept for the life of the
 * conversation the limiter belongs to; {@link #forget} drops a sender who left (an agent
 * transferring the chat), so the map holds at most the conversation's participants. Not thread safe
 * on its own: the gateway calls it under the same lock or thread as the conversation.
 */
public final class TypingLimiter {
    private final long minIntervalMillis;

    /** Sender to the time their last signal passed. */
    private final Map<Sender, Long> lastPassed = new HashMap<>();

    /**
     * @param minIntervalMillis the least time between two signals passed for one sender (at least
     *     1)
     */
    public TypingLimiter(long minIntervalMillis) {
        if (minIntervalMillis < 1) {
            throw new IllegalArgumentException(
                    "the typing interval must be at least 1 ms: " + minIntervalMillis);
        }
        this.minIntervalMillis = minIntervalMillis;
    }

    /**
     * Whether this typing signal passes: the sender's first, or one at least the interval after the
     * last that passed. A dropped signal does not restart the interval.
     */
    public boolean allow(Sender sender, long nowMillis) {
        Long last = lastPassed.get(sender);
        if (last != null && nowMillis >= last && nowMillis - last < minIntervalMillis) {
            return false;
        }
        lastPassed.put(sender, nowMillis);
        return true;
    }

    /** Drops what is known about a sender who left the conversation. */
    public void forget(Sender sender) {
        lastPassed.remove(sender);
    }
}
