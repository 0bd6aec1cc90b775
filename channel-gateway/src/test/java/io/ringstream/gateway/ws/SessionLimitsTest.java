package io.ringstream.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.gateway.ChatLimits;
import org.junit.jupiter.api.Test;

/**
 * The per-address and total connection caps and the per-address message rate, forgotten with the
 * address's last connection.
 */
class SessionLimitsTest {

    private static ChatLimits limits(int total, int perAddress, int addressRate) {
        ChatLimits d = ChatLimits.defaults();
        return new ChatLimits(
                total,
                perAddress,
                d.visitorIdle(),
                d.agentIdle(),
                d.maxFrameBytes(),
                d.maxTextChars(),
                d.messagesPerSecond(),
                d.burst(),
                addressRate,
                d.rateViolations(),
                d.badFrames(),
                d.maxPendingFrames(),
                d.maxPendingBytes(),
                d.historyEntries(),
                d.resumeGrace(),
                d.conversationIdle(),
                d.closedRetention());
    }

    @Test
    void capsConnectionsPerAddressAndInAll() {
        SessionLimits sessions = new SessionLimits(limits(3, 2, 50));
        assertThat(sessions.open("a", 0)).isTrue();
        assertThat(sessions.open("a", 0)).isTrue();
        assertThat(sessions.open("a", 0)).as("third from a").isFalse();
        assertThat(sessions.open("b", 0)).isTrue();
        assertThat(sessions.open("c", 0)).as("fourth in all").isFalse();
        sessions.closed("a");
        assertThat(sessions.open("c", 0)).isTrue();
        assertThat(sessions.open()).isEqualTo(3);
    }

    @Test
    void anAddressSharesOneRateAndIsForgottenWhenItsLastConnectionCloses() {
        SessionLimits sessions = new SessionLimits(limits(10, 10, 2));
        sessions.open("a", 0);
        sessions.open("a", 0);
        assertThat(sessions.addressMayPass("a", 0)).isTrue();
        assertThat(sessions.addressMayPass("a", 0)).isTrue();
        assertThat(sessions.addressMayPass("a", 0)).isFalse();
        sessions.closed("a");
        sessions.closed("a");
        sessions.open("a", 0);
        assertThat(sessions.addressMayPass("a", 0)).as("a fresh bucket").isTrue();
        sessions.closed("nobody");
        assertThat(sessions.open()).isEqualTo(1);
    }
}
