package io.ringstream.launcher;

import java.util.List;
import java.util.Locale;

/** Formats the one-line status that {@code ./ringstream up} prints every few seconds. */
final class StatusLine {
    private StatusLine() {}

    static String format(double eventsPerSecond, List<QueueStatus> queues) {
        long waiting = queues.stream().mapToLong(QueueStatus::waiting).sum();
        StringBuilder line =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%.1f events/s | waiting %d",
                                eventsPerSecond,
                                waiting));
        for (QueueStatus q : queues) {
            line.append(" | ").append(q.queue()).append(": SL ");
            q.serviceLevel()
                    .ifPresentOrElse(
                            sl -> line.append(String.format(Locale.ROOT, "%.1f%%", sl * 100)),
                            () -> line.append("-"));
            line.append(", waiting ").append(q.waiting());
        }
        return line.toString();
    }
}
