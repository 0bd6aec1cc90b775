package io.ringstream.bridge.agi;

/**
 * routing-service's answer to a route request, as the dialplan needs it.
 *
 * @param action CONNECT (dial {@code target}) or WAIT (play music, ask again)
 * @param position place in the queue on WAIT; null when unknown
 * @param estimatedWaitSeconds on WAIT; null when unknown
 * @param retryAfterSeconds on WAIT: how long to play music before asking again
 */
public record RouteAnswer(
        String action,
        String target,
        String agentId,
        String offerId,
        Integer position,
        Long estimatedWaitSeconds,
        Integer retryAfterSeconds) {}
