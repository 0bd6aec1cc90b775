package io.ringstream.flink.kit.state;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;

/**
 * Holds one key's elements until the watermark passes their event time, then hands them out in
 * event-time order, so the KPI trackers can apply events in order although Kafka partitions and
 * topics interleave them. The caller registers an event-time timer for each new time {@link #add}
 * reports, and drains from {@code onTimer}.
 *
 * <p>State lifetime: an element lives from its arrival until the watermark passes its time.
 */
public final class EventTimeBuffer<T> {
    private final MapState<Long, List<T>> byTime;

    public EventTimeBuffer(MapState<Long, List<T>> byTime) {
        this.byTime = byTime;
    }

    /**
     * @return true when {@code time} is new to the buffer (the caller registers a timer for it)
     */
    public boolean add(long time, T value) throws Exception {
        List<T> atTime = byTime.get(time);
        boolean first = atTime == null;
        if (first) {
            atTime = new ArrayList<>(2);
        }
        atTime.add(value);
        byTime.put(time, atTime);
        return first;
    }

    /**
     * Removes and returns every element at or before {@code watermark}, by time, then by {@code
     * order} (stable: equal elements keep their arrival order).
     */
    public List<T> drain(long watermark, Comparator<T> order) throws Exception {
        List<Long> due = new ArrayList<>();
        for (Long time : byTime.keys()) {
            if (time <= watermark) {
                due.add(time);
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        due.sort(Comparator.naturalOrder());
        List<T> out = new ArrayList<>();
        for (Long time : due) {
            List<T> atTime = new ArrayList<>(byTime.get(time));
            if (order != null) {
                atTime.sort(order);
            }
            out.addAll(atTime);
            byTime.remove(time);
        }
        return out;
    }

    public boolean isEmpty() throws Exception {
        return byTime.isEmpty();
    }

    /** Drops everything still buffered; returns the times whose timers the caller may delete. */
    public List<Long> clear() throws Exception {
        List<Long> times = new ArrayList<>();
        Iterator<Map.Entry<Long, List<T>>> it = byTime.iterator();
        while (it.hasNext()) {
            times.add(it.next().getKey());
        }
        byTime.clear();
        return times;
    }
}
