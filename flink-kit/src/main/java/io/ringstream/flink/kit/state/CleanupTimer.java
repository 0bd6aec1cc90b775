package io.ringstream.flink.kit.state;

import java.io.IOException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * The one event-time timer per key that clears a key's state once it has lingered long enough, so
 * state does not grow with short-lived keys. Keyed operators share this instead of each keeping the
 * "delete the old timer, register the new one" bookkeeping.
 *
 * <p>Its time lives in one keyed value state, set by {@link #moveTo} and cleared with the key's
 * other state by {@link #clear}.
 */
public final class CleanupTimer {
    private final ValueState<Long> cleanupAt;

    private CleanupTimer(ValueState<Long> cleanupAt) {
        this.cleanupAt = cleanupAt;
    }

    /**
     * Call from {@code open()}.
     *
     * @param stateName the state's name; keep it stable, savepoints restore state by name
     */
    public static CleanupTimer open(RuntimeContext context, String stateName) {
        return new CleanupTimer(
                context.getState(new ValueStateDescriptor<>(stateName, Long.class)));
    }

    /** Makes {@code due} the current key's only cleanup timer. */
    public void moveTo(long due, TimerService timers) throws IOException {
        Long current = cleanupAt.value();
        if (current != null && current == due) {
            return;
        }
        if (current != null) {
            timers.deleteEventTimeTimer(current);
        }
        timers.registerEventTimeTimer(due);
        cleanupAt.update(due);
    }

    /** Whether a timer firing at {@code timestamp} is the current key's cleanup. */
    public boolean firesAt(long timestamp) throws IOException {
        Long due = cleanupAt.value();
        return due != null && due == timestamp;
    }

    public void clear() {
        cleanupAt.clear();
    }
}
