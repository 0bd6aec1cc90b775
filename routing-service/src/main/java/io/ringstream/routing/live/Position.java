package io.ringstream.routing.live;

/**
 * Where a waiting contact stands, from the routing job's latest snapshot.
 *
 * @param position 1 = next in its queue; null when the snapshot does not list the contact yet
 * @param estimatedWaitMillis null when the job has no estimate
 */
public record Position(String queue, Integer position, Long estimatedWaitMillis) {}
