package io.ringstream.analytics.sla.policy;

import io.ringstream.events.Channel;
import io.ringstream.events.SlaKind;
import java.io.Serializable;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * The thresholds that apply where no policy matches, so a fresh install raises sensible alerts
 * before anyone configures anything. The table is documented in docs/kpis.md ("SLA policies").
 *
 * <p>Voice answer time defaults to the queue's service-level threshold (the T of its "80/20"
 * target), so the wallboard's service level and the per-contact alerts agree until a policy says
 * otherwise. A kind/channel pair without a default runs no clock unless a policy asks for one.
 */
public final class DefaultPolicies implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final double DEFAULT_WARNING_FRACTION = 0.8;

    private final Map<SlaKind, Map<Channel, Duration>> perChannel = new EnumMap<>(SlaKind.class);
    private final Map<SlaKind, Duration> anyChannel = new EnumMap<>(SlaKind.class);
    private final QueueThreshold answerThreshold;
    private final double warningFraction;

    /** The voice answer threshold of a queue, in seconds (Serializable for Flink). */
    @FunctionalInterface
    public interface QueueThreshold extends ToLongFunction<String>, Serializable {}

    /**
     * @param answerThreshold seconds within which voice contacts of a queue should be answered
     * @param warningFraction the warning fraction of policies that do not set one
     */
    public DefaultPolicies(QueueThreshold answerThreshold, double warningFraction) {
        this.answerThreshold = Objects.requireNonNull(answerThreshold, "answerThreshold");
        if (!(warningFraction > 0 && warningFraction < 1)) {
            throw new IllegalArgumentException("warningFraction must be in (0, 1)");
        }
        this.warningFraction = warningFraction;
        put(SlaKind.FIRST_RESPONSE, Channel.CHAT, Duration.ofSeconds(60));
        put(SlaKind.FIRST_RESPONSE, Channel.MESSAGING, Duration.ofMinutes(15));
        put(SlaKind.FIRST_RESPONSE, Channel.EMAIL, Duration.ofHours(24));
        put(SlaKind.FIRST_RESPONSE, Channel.CALLBACK, Duration.ofHours(4));
        put(SlaKind.FIRST_RESPONSE, Channel.TICKET, Duration.ofHours(8));
        put(SlaKind.REPLY_GAP, Channel.CHAT, Duration.ofSeconds(120));
        put(SlaKind.REPLY_GAP, Channel.MESSAGING, Duration.ofMinutes(30));
        put(SlaKind.RESOLUTION, Channel.EMAIL, Duration.ofHours(72));
        put(SlaKind.RESOLUTION, Channel.CALLBACK, Duration.ofHours(24));
        put(SlaKind.RESOLUTION, Channel.TICKET, Duration.ofHours(72));
        anyChannel.put(SlaKind.HOLD, Duration.ofSeconds(120));
        anyChannel.put(SlaKind.WRAP_UP, Duration.ofSeconds(120));
        anyChannel.put(SlaKind.NOT_READY, Duration.ofMinutes(15));
    }

    public double warningFraction() {
        return warningFraction;
    }

    /** The default for a scope, or null when none applies (no clock runs). */
    public ResolvedPolicy forScope(ClockScope scope) {
        Duration threshold;
        if (scope.kind() == SlaKind.ANSWER) {
            threshold =
                    scope.channel() == Channel.VOICE && scope.queue() != null
                            ? Duration.ofSeconds(answerThreshold.applyAsLong(scope.queue()))
                            : null;
        } else {
            Map<Channel, Duration> byChannel = perChannel.get(scope.kind());
            threshold =
                    byChannel != null
                            ? (scope.channel() == null ? null : byChannel.get(scope.channel()))
                            : anyChannel.get(scope.kind());
        }
        if (threshold == null || threshold.isZero() || threshold.isNegative()) {
            return null;
        }
        return new ResolvedPolicy(
                "default:"
                        + scope.kind()
                        + ":"
                        + (scope.channel() == null ? "ANY" : scope.channel().name()),
                threshold.toMillis(),
                warningFraction);
    }

    private void put(SlaKind kind, Channel channel, Duration threshold) {
        perChannel.computeIfAbsent(kind, k -> new EnumMap<>(Channel.class)).put(channel, threshold);
    }
}
