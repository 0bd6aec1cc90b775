package io.ringstream.pbxsim.flow;

import io.ringstream.pbxsim.ami.AmiFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills in queue {@code Position}, {@code Count} and {@code OriginalPosition} as app_queue would,
 * by following joins and leaves in emission order; call scripts cannot know them because calls
 * overlap. Holds the callers waiting per queue for as long as the timeline it follows; not
 * thread-safe.
 */
public final class QueueTracker {
    private final Map<String, List<String>> waiting = new HashMap<>();
    private final Map<String, Integer> joinPositions = new HashMap<>();

    /** Returns the frame with positions set; frames other than caller queue events pass as-is. */
    public AmiFrame apply(AmiFrame frame) {
        String event = frame.eventName();
        if (event == null) {
            return frame;
        }
        String queue = frame.get("Queue");
        String uniqueid = frame.get("Uniqueid");
        if (queue == null || uniqueid == null) {
            return frame;
        }
        List<String> line = waiting.computeIfAbsent(queue, q -> new ArrayList<>());
        switch (event) {
            case "QueueCallerJoin" -> {
                line.add(uniqueid);
                joinPositions.put(queue + "|" + uniqueid, line.size());
                return frame.with("Position", Integer.toString(line.size()))
                        .with("Count", Integer.toString(line.size()));
            }
            case "QueueCallerAbandon" -> {
                Integer original = joinPositions.get(queue + "|" + uniqueid);
                return frame.with("Position", Integer.toString(line.indexOf(uniqueid) + 1))
                        .with(
                                "OriginalPosition",
                                Integer.toString(original == null ? 1 : original));
            }
            case "QueueCallerLeave" -> {
                int position = line.indexOf(uniqueid) + 1;
                line.remove(uniqueid);
                joinPositions.remove(queue + "|" + uniqueid);
                return frame.with("Position", Integer.toString(position))
                        .with("Count", Integer.toString(line.size()));
            }
            default -> {
                return frame;
            }
        }
    }

    /** Callers waiting in {@code queue} now. */
    public int waiting(String queue) {
        return waiting.getOrDefault(queue, List.of()).size();
    }
}
