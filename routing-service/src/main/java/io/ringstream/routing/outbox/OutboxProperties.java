package io.ringstream.routing.outbox;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The outbox relay's settings, {@code ringstream.outbox.*}, each default stated here once (env e.g.
 * {@code RINGSTREAM_OUTBOX_POLL_INTERVAL}). Durations take Micronaut's forms: {@code 200ms}, {@code
 * 2s}.
 */
@ConfigurationProperties(OutboxProperties.PREFIX)
public class OutboxProperties {
    public static final String PREFIX = "ringstream.outbox";

    private Duration pollInterval = Duration.ofMillis(200);
    private int batchSize = 500;
    private Duration sendTimeout = Duration.ofSeconds(30);
    private Duration minBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration backlogWarning = Duration.ofSeconds(10);

    /**
     * {@code poll-interval}: how long the relay sleeps after finding fewer rows than a batch, and
     * how often a standby instance asks for the relay's lock. Default 200 ms.
     */
    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /** {@code batch-size}: rows read, sent and acknowledged together. Default 500. */
    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /**
     * {@code send-timeout}: how long the producer keeps retrying a batch before the relay counts it
     * failed and backs off (Kafka's {@code delivery.timeout.ms}). Default 30 s.
     */
    public Duration getSendTimeout() {
        return sendTimeout;
    }

    public void setSendTimeout(Duration sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    /**
     * {@code min-backoff}: the first pause after a failure; doubled per failure. Default 200 ms.
     */
    public Duration getMinBackoff() {
        return minBackoff;
    }

    public void setMinBackoff(Duration minBackoff) {
        this.minBackoff = minBackoff;
    }

    /** {@code max-backoff}: the longest pause between attempts. Default 30 s. */
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    /**
     * {@code backlog-warning}: age of the oldest unpublished row beyond which the relay logs the
     * backlog as a warning (at most every this long). Default 10 s.
     */
    public Duration getBacklogWarning() {
        return backlogWarning;
    }

    public void setBacklogWarning(Duration backlogWarning) {
        this.backlogWarning = backlogWarning;
    }
}
