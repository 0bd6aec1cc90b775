package io.ringstream.routing.core;

/**
 * Where an unanswered contact stands: 1-based position among its queue's unanswered contacts in
 * routing order, how many there are, and the estimated wait (-1 when no agent staffs the queue).
 * {@code agentId} is set once the contact is assigned (position 0 then).
 */
public record QueuePosition(
        String contactId,
        String queue,
        ContactStatus status,
        int position,
        int inQueue,
        long estimatedWaitMillis,
        int stepIndex,
        String agentId) {}
