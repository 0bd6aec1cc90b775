package io.ringstream.channels.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The typing limit: at most one signal per sender per interval, each sender on their own clock, and
 * no stricter than that.
 */
class TypingLimiterTest {
    private static final Sender VISITOR = Sender.visitor("v");
    private static final Sender AGENT = Sender.agent("a");

    @Test
    void oneSignalPerIntervalPassesAndTheBoundaryIsInclusive() {
        TypingLimiter limiter = new TypingLimiter(3_000);

        assertThat(limiter.allow(VISITOR, 10_000)).isTrue();
        assertThat(limiter.allow(VISITOR, 10_000)).isFalse();
        assertThat(limiter.allow(VISITOR, 12_999)).isFalse();
        assertThat(limiter.allow(VISITOR, 13_000)).isTrue();
    }

    @Test
    void aDroppedSignalDoesNotRestartTheInterval() {
        TypingLimiter limiter = new TypingLimiter(3_000);
        limiter.allow(VISITOR, 0);

        limiter.allow(VISITOR, 2_000);

        assertThat(limiter.allow(VISITOR, 3_000)).isTrue();
    }

    @Test
    void sendersAreLimitedSeparately() {
        TypingLimiter limiter = new TypingLimiter(3_000);

        assertThat(limiter.allow(VISITOR, 0)).isTrue();
        assertThat(limiter.allow(AGENT, 1)).isTrue();
        assertThat(limiter.allow(VISITOR, 2)).isFalse();
    }

    @Test
    void timeGoingBackwardsLetsOneSignalThroughAndRestartsTheInterval() {
        TypingLimiter limiter = new TypingLimiter(3_000);
        limiter.allow(VISITOR, 100_000);

        assertThat(limiter.allow(VISITOR, 50_000)).isTrue();
        assertThat(limiter.allow(VISITOR, 51_000)).isFalse();
    }

    @Test
    void aForgottenSenderStartsAfresh() {
        TypingLimiter limiter = new TypingLimiter(3_000);
        limiter.allow(AGENT, 0);

        limiter.forget(AGENT);

        assertThat(limiter.allow(AGENT, 1)).isTrue();
    }

    @Test
    void theIntervalIsPositive() {
        assertThatThrownBy(() -> new TypingLimiter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void passedSignalsAreAnIntervalApartAndEveryDropWasNeeded(
            @ForAll @Size(max = 80) List<@LongRange(min = 0, max = 2_000) Long> gaps,
            @ForAll @IntRange(min = 1, max = 5_000) int interval) {
        TypingLimiter limiter = new TypingLimiter(interval);
        List<Long> passed = new ArrayList<>();
        long now = 1_000_000;
        for (long gap : gaps) {
            now += gap;
            boolean allowed = limiter.allow(VISITOR, now);
            if (allowed) {
                if (!passed.isEmpty()) {
                    assertThat(now - passed.get(passed.size() - 1))
                            .isGreaterThanOrEqualTo(interval);
                }
                passed.add(now);
            } else {
                assertThat(passed).isNotEmpty();
                assertThat(now - passed.get(passed.size() - 1)).isLessThan(interval);
            }
        }
    }
}
