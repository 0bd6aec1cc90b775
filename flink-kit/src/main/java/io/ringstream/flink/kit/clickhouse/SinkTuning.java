package io.ringstream.flink.kit.clickhouse;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a job's ClickHouse sinks batch and retry, so one job's tables are tuned together.
 *
 * @param batchSize rows per INSERT
 * @param flushInterval longest time a buffered row waits for its batch
 * @param maxRetries retries of a failed INSERT before the job fails over
 */
public record SinkTuning(int batchSize, Duration flushInterval, int maxRetries)
        implements Serializable {
    public static final SinkTuning DEFAULT = new SinkTuning(1_000, Duration.ofSeconds(1), 5);
}
