package io.ringstream.pbxsim.flow;

import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the frames of overlapping calls and member changes into the one order a PBX would emit
 * them in: by Timestamp, ties kept in script order. Queue positions are then filled in.
 */
public final class Timeline {
    private Timeline() {}

    public static List<AmiFrame> merge(List<List<AmiFrame>> scripts) {
        record Entry(long micros, int script, int index, AmiFrame frame) {}
        List<Entry> entries = new ArrayList<>();
        for (int s = 0; s < scripts.size(); s++) {
            List<AmiFrame> frames = scripts.get(s);
            for (int i = 0; i < frames.size(); i++) {
                AmiFrame f = frames.get(i);
                entries.add(new Entry(AmiTime.parseMicros(f.get("Timestamp")), s, i, f));
            }
        }
        entries.sort(
                Comparator.comparingLong(Entry::micros)
                        .thenComparingInt(Entry::script)
                        .thenComparingInt(Entry::index));
        QueueTracker tracker = new QueueTracker();
        List<AmiFrame> merged = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            merged.add(tracker.apply(e.frame()));
        }
        return merged;
    }
}
