package io.ringstream.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The token bucket behind the message rates: the burst first, then the rate, never more saved than
 * the burst.
 */
class TokenBucketTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void passesTheBurstThenTheRate() {
        TokenBucket bucket = new TokenBucket(5, 10, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(bucket.take(0)).as("burst %d", i).isTrue();
        }
        assertThat(bucket.take(0)).isFalse();
        assertThat(bucket.take(SECOND / 5)).isTrue();
        assertThat(bucket.take(SECOND / 5)).isFalse();
    }

    @Test
    void savesAtMostTheBurst() {
        TokenBucket bucket = new TokenBucket(5, 2, 0);
        assertThat(bucket.take(100 * SECOND)).isTrue();
        assertThat(bucket.take(100 * SECOND)).isTrue();
        assertThat(bucket.take(100 * SECOND)).isFalse();
    }
}
