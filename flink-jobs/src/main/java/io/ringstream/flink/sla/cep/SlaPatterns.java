package io.ringstream.flink.sla.cep;

import io.ringstream.analytics.sla.clock.SignalType;
import io.ringstream.analytics.sla.clock.SlaSignal;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;

/**
 * The two CEP patterns of the SLA job, matched per subject and SLA kind in event time.
 *
 * <ul>
 *   <li>{@link #warning}: {@code START}, not followed by anything that ends the clock, followed by
 *       that clock's {@code WARNING_DUE}.
 *   <li>{@link #outcome}: {@code START} followed by the first of: something that ends the clock
 *       (STOP: met; CANCEL or SUPERSEDE: cancelled) or that clock's {@code BREACH_DUE} (breach).
 * </ul>
 *
 * <p>Why deadlines are signals and not {@code within(threshold)}: {@code within} takes one duration
 * fixed when the job graph is built, but thresholds come from policies that change at run time and
 * differ per queue, channel and priority. So the signal operator, which reads the policies from
 * broadcast state, schedules an event-time timer per deadline and emits it as a signal; the
 * patterns then decide in event-time order whether the deadline or the stop came first.
 *
 * <p>No {@code within} at all: it would keep one timer per clock for the longest possible threshold
 * (a month). Every clock ends anyway: by a stop or cancel, by its breach deadline, or by the {@code
 * expired} cancel the signal operator sends when it forgets a subject. That last cancel also
 * releases what CEP keeps per key after a match (an event counter for the match's last millisecond,
 * dropped only when event time moves past it for that key).
 *
 * <p>After a match, partial matches that started before its last event are discarded (skip past
 * last event), so one stop never completes two clocks.
 */
public final class SlaPatterns {
    public static final String START = "start";
    public static final String STOPPED = "stopped";
    public static final String WARNING = "warning";
    public static final String END = "end";

    private SlaPatterns() {}

    public static Pattern<SlaSignal, SlaSignal> warning() {
        return Pattern.<SlaSignal>begin(START, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new OfType(SignalType.START))
                .notFollowedBy(STOPPED)
                .where(new EndsClock())
                .followedBy(WARNING)
                .where(new DeadlineOfStartedClock(SignalType.WARNING_DUE));
    }

    public static Pattern<SlaSignal, SlaSignal> outcome() {
        return Pattern.<SlaSignal>begin(START, AfterMatchSkipStrategy.skipPastLastEvent())
                .where(new OfType(SignalType.START))
                .followedBy(END)
                .where(new EndsClock())
                .or(new DeadlineOfStartedClock(SignalType.BREACH_DUE));
    }

    /** A signal of one type. */
    static final class OfType extends SimpleCondition<SlaSignal> {
        private static final long serialVersionUID = 1L;
        private final SignalType type;

        OfType(SignalType type) {
            this.type = type;
        }

        @Override
        public boolean filter(SlaSignal value) {
            return value.type() == type;
        }
    }

    /** STOP, CANCEL or SUPERSEDE: the running clock of this key ends. */
    static final class EndsClock extends SimpleCondition<SlaSignal> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(SlaSignal value) {
            return value.endsClock();
        }
    }

    /**
     * A deadline of the clock this partial match started with: a deadline of an earlier clock of
     * the same key (say, the first of two holds) must not end the second.
     */
    static final class DeadlineOfStartedClock extends IterativeCondition<SlaSignal> {
        private static final long serialVersionUID = 1L;
        private final SignalType dueType;

        DeadlineOfStartedClock(SignalType dueType) {
            this.dueType = dueType;
        }

        @Override
        public boolean filter(SlaSignal value, Context<SlaSignal> ctx) throws Exception {
            if (value.type() != dueType) {
                return false;
            }
            for (SlaSignal start : ctx.getEventsForPattern(START)) {
                return start.clockId().equals(value.clockId());
            }
            return false;
        }
    }
}
