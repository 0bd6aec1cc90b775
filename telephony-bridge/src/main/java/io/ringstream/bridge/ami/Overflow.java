package io.ringstream.bridge.ami;

import io.ringstream.events.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.asteriskjava.manager.event.ManagerEvent;

/**
 * Accounts for AMI events that found the hand-off queue full. The AMI reader must never block, so
 * such events are not queued; instead each overflow episode becomes one dead letter naming the
 * count and time window, with the first {@code maxFramesPerLetter} events as frames, so the loss is
 * visible and the window can be replayed or reconciled from the PBX's queue_log. An episode lasts
 * from the first dropped event until the worker next drains it. Thread-safe.
 */
final class Overflow {
    private final int capacity;
    private final int maxFramesPerLetter;
    private final List<ManagerEvent> kept = new ArrayList<>();
    private long dropped;
    private long firstAt;
    private long lastAt;
    private long total;

    Overflow(int capacity, int maxFramesPerLetter) {
        this.capacity = capacity;
        this.maxFramesPerLetter = maxFramesPerLetter;
    }

    /** Called on the AMI thread: O(1), never blocks on I/O. */
    synchronized void record(ManagerEvent event, long atMillis) {
        if (dropped == 0) {
            firstAt = atMillis;
        }
        lastAt = atMillis;
        dropped++;
        total++;
        if (kept.size() < maxFramesPerLetter) {
            kept.add(event);
        }
    }

    /** The dead letter for the episode so far, which then ends; empty when nothing was dropped. */
    Optional<DeadLetter> drain(long nowMillis) {
        List<ManagerEvent> frames;
        long count;
        long from;
        long to;
        synchronized (this) {
            if (dropped == 0) {
                return Optional.empty();
            }
            frames = List.copyOf(kept);
            count = dropped;
            from = firstAt;
            to = lastAt;
            kept.clear();
            dropped = 0;
        }
        String reason =
                "AMI hand-off queue full (capacity "
                        + capacity
                        + "): "
                        + count
                        + " events dropped between "
                        + Instant.ofEpochMilli(from)
                        + " and "
                        + Instant.ofEpochMilli(to)
                        + "; the first "
                        + frames.size()
                        + " are in the payload. Replay them, or reconcile that window from the"
                        + " PBX's queue_log.";
        return Optional.of(
                DeadLetter.fromFrame(
                        reason,
                        AmiEventMapper.COMPONENT,
                        DeadLetter.Origin.AMI,
                        AmiFrames.reconstruct(frames),
                        nowMillis));
    }

    synchronized long total() {
        return total;
    }
}
