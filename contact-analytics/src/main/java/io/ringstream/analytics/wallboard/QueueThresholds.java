package io.ringstream.analytics.wallboard;

import java.util.ArrayList;
import java.util.List;

/**
 * When a queue's wallboard tiles turn amber and red. The defaults are the colours used in the field
 * (docs: ../shared/notes/contact-center.md): oldest wait amber at 60 s and red at 120 s; service
 * level red at or below 90% of the queue's target share and amber at or below 95%. The abandon-rate
 * defaults (amber 5%, red 10%) are Ringstream's own choice, not a vendor convention. Contacts
 * waiting has no default (a busy queue and a quiet one differ too much): null leaves it uncoloured.
 *
 * <p>A null field means "no threshold": that level is never reached. {@link #over} fills a
 * per-queue override's null fields from the defaults.
 *
 * @param serviceLevelAmberOfTarget a share of the target, e.g. 0.95 for "amber at 95% of target"
 * @param abandonRateAmber abandoned ÷ offered, 0..1
 */
public record QueueThresholds(
        Long oldestWaitAmberSeconds,
        Long oldestWaitRedSeconds,
        Double serviceLevelAmberOfTarget,
        Double serviceLevelRedOfTarget,
        Double abandonRateAmber,
        Double abandonRateRed,
        Long waitingAmber,
        Long waitingRed) {

    /** The field defaults, used for every queue without its own. */
    public static final QueueThresholds DEFAULTS =
            new QueueThresholds(60L, 120L, 0.95, 0.90, 0.05, 0.10, null, null);

    /** No threshold at all: a per-queue override that changes nothing. */
    public static final QueueThresholds NONE =
            new QueueThresholds(null, null, null, null, null, null, null, null);

    /** This override's fields where set, the {@code defaults}' elsewhere. */
    public QueueThresholds over(QueueThresholds defaults) {
        return new QueueThresholds(
                or(oldestWaitAmberSeconds, defaults.oldestWaitAmberSeconds),
                or(oldestWaitRedSeconds, defaults.oldestWaitRedSeconds),
                or(serviceLevelAmberOfTarget, defaults.serviceLevelAmberOfTarget),
                or(serviceLevelRedOfTarget, defaults.serviceLevelRedOfTarget),
                or(abandonRateAmber, defaults.abandonRateAmber),
                or(abandonRateRed, defaults.abandonRateRed),
                or(waitingAmber, defaults.waitingAmber),
                or(waitingRed, defaults.waitingRed));
    }

    /**
     * What is wrong with these thresholds, empty when they are usable: no negative values, shares
     * within 0..1, red no milder than amber (red wait/rate/count >= amber; red share of target <=
     * amber share).
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        nonNegative(out, "oldest-wait-amber-seconds", oldestWaitAmberSeconds);
        nonNegative(out, "oldest-wait-red-seconds", oldestWaitRedSeconds);
        nonNegative(out, "waiting-amber", waitingAmber);
        nonNegative(out, "waiting-red", waitingRed);
        share(out, "service-level-amber-of-target", serviceLevelAmberOfTarget);
        share(out, "service-level-red-of-target", serviceLevelRedOfTarget);
        share(out, "abandon-rate-amber", abandonRateAmber);
        share(out, "abandon-rate-red", abandonRateRed);
        notMilder(out, "oldest-wait", oldestWaitAmberSeconds, oldestWaitRedSeconds);
        notMilder(out, "waiting", waitingAmber, waitingRed);
        notMilder(out, "abandon-rate", abandonRateAmber, abandonRateRed);
        if (serviceLevelAmberOfTarget != null
                && serviceLevelRedOfTarget != null
                && serviceLevelRedOfTarget > serviceLevelAmberOfTarget) {
            out.add(
                    "service-level-red-of-target ("
                            + serviceLevelRedOfTarget
                            + ") must be <= service-level-amber-of-target ("
                            + serviceLevelAmberOfTarget
                            + ")");
        }
        return out;
    }

    /** These thresholds, or an IllegalArgumentException listing {@link #problems()}. */
    public QueueThresholds validated(String name) {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "wallboard thresholds of " + name + ": " + String.join("; ", problems));
        }
        return this;
    }

    /** The level of the oldest contact's wait, in milliseconds (null: nobody waits or unknown). */
    public TileLevel oldestWait(Long waitMillis) {
        return TileLevel.rising(
                waitMillis == null ? null : waitMillis / 1000.0,
                doubleOf(oldestWaitAmberSeconds),
                doubleOf(oldestWaitRedSeconds));
    }

    /** The level of a service level (0..1) against the queue's target share (0..1). */
    public TileLevel serviceLevel(Double serviceLevel, Double targetShare) {
        return TileLevel.serviceLevel(
                serviceLevel, targetShare, serviceLevelAmberOfTarget, serviceLevelRedOfTarget);
    }

    /** The level of the abandon rate (0..1; null when nothing was offered). */
    public TileLevel abandonRate(Double rate) {
        return TileLevel.rising(rate, abandonRateAmber, abandonRateRed);
    }

    /** The level of the number of contacts waiting. */
    public TileLevel waiting(Long waiting) {
        return TileLevel.rising(doubleOf(waiting), doubleOf(waitingAmber), doubleOf(waitingRed));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Double doubleOf(Long value) {
        return value == null ? null : value.doubleValue();
    }

    private static void nonNegative(List<String> out, String name, Long value) {
        if (value != null && value < 0) {
            out.add(name + " must be >= 0, not " + value);
        }
    }

    private static void share(List<String> out, String name, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            out.add(name + " must be within 0..1, not " + value);
        }
    }

    private static <T extends Comparable<T>> void notMilder(
            List<String> out, String name, T amber, T red) {
        if (amber != null && red != null && red.compareTo(amber) < 0) {
            out.add(name + "-red (" + red + ") must be >= " + name + "-amber (" + amber + ")");
        }
    }
}
