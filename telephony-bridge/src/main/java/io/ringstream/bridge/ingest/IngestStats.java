package io.ringstream.bridge.ingest;

/**
 * What the transcript ingest has done since it started, for the bridge's stats line and tests.
 *
 * @param accepted segments published to Kafka
 * @param rejected requests whose input was refused (400, 413, 415, 422)
 * @param publishFailures requests Kafka did not acknowledge in time (503)
 * @param unauthenticated requests without valid credentials (401)
 * @param forbidden requests with valid credentials but the wrong role or tenant (403)
 */
public record IngestStats(
        long accepted, long rejected, long publishFailures, long unauthenticated, long forbidden) {}
