package io.ringstream.bridge.ami;

import java.util.Map;

/**
 * A snapshot of the bridge's counters, for the launcher's status line and the logs.
 *
 * @param received AMI events handed to the bridge (all types, before mapping)
 * @param published contact and agent events the broker acknowledged
 * @param deadLettered dead letters the broker acknowledged (malformed frames and overflow)
 * @param ignored events that are not contact or agent changes, see {@code ignoredByEvent}
 * @param overflowed events dropped because the hand-off queue was full (each episode is also a dead
 *     letter)
 * @param publishFailures sends the broker did not acknowledge
 * @param queued events waiting in the hand-off queue now
 * @param loginFailures failed logins the bridge's own retry loop has seen (PBX down, wrong secret)
 */
public record BridgeStats(
        long atMillis,
        boolean connected,
        long connects,
        long disconnects,
        long received,
        long contactEvents,
        long agentEvents,
        long published,
        long deadLettered,
        long ignored,
        long overflowed,
        long publishFailures,
        int queued,
        long loginFailures,
        Map<String, Long> ignoredByEvent) {

    public BridgeStats {
        ignoredByEvent = Map.copyOf(ignoredByEvent);
    }

    /** AMI events received per second between an earlier snapshot and this one. */
    public double receivedPerSecondSince(BridgeStats earlier) {
        return rate(received - earlier.received, earlier);
    }

    /** Events published per second between an earlier snapshot and this one. */
    public double publishedPerSecondSince(BridgeStats earlier) {
        return rate(published - earlier.published, earlier);
    }

    private double rate(long delta, BridgeStats earlier) {
        long millis = atMillis - earlier.atMillis;
        return millis <= 0 ? 0 : delta * 1_000.0 / millis;
    }
}
