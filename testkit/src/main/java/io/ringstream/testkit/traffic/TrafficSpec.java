package io.ringstream.testkit.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a generated contact center looks like: one tenant, its queues and agents, the days covered
 * and the seed that makes the rows repeatable.
 *
 * @param start the first day's start, whole minutes (a UTC midnight for calendar days)
 * @param days how many 24-hour days from {@code start}
 * @param cutoff rows at or after it are left out, so the last contacts stay open (waiting, talking)
 *     and the last shift stays logged in, as on a live system; {@code start + days} for none
 */
public record TrafficSpec(
        String tenant, int queues, int agents, Instant start, int days, Instant cutoff, long seed) {

    public TrafficSpec {
        if (queues < 1 || agents < 3 || days < 1) {
            throw new IllegalArgumentException("need a queue, three agents and a day");
        }
        if (!start.truncatedTo(ChronoUnit.MINUTES).equals(start)) {
            throw new IllegalArgumentException("start must be a whole minute: " + start);
        }
        if (cutoff.isBefore(start) || cutoff.isAfter(start.plus(Duration.ofDays(days)))) {
            throw new IllegalArgumentException("cutoff outside the days: " + cutoff);
        }
    }

    /** {@code days} whole UTC days from {@code firstDay}'s midnight, nothing cut off. */
    public static TrafficSpec utcDays(
            String tenant, int queues, int agents, Instant firstDay, int days, long seed) {
        Instant start = firstDay.truncatedTo(ChronoUnit.DAYS);
        return new TrafficSpec(
                tenant, queues, agents, start, days, start.plus(Duration.ofDays(days)), seed);
    }

    /**
     * The {@code days} before {@code now}, ending at its minute: what the dashboards' "now" panels
     * (latest window, open conversations, agents logged in) see on a live system.
     */
    public static TrafficSpec endingAt(
            String tenant, int queues, int agents, Instant now, int days, long seed) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofDays(days));
        return new TrafficSpec(tenant, queues, agents, start, days, end, seed);
    }

    public Instant end() {
        return start.plus(Duration.ofDays(days));
    }

    /** Queue names: the first four are familiar (sales, support, billing, retention), then q-05… */
    public List<String> queueNames() {
        List<String> names = new ArrayList<>();
        String[] known = {"sales", "support", "billing", "retention"};
        for (int i = 0; i < queues; i++) {
            names.add(i < known.length ? known[i] : String.format("q-%02d", i + 1));
        }
        return names;
    }

    public List<String> agentIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            ids.add(String.format("a-%04d", i + 1));
        }
        return ids;
    }
}
