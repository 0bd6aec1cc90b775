package io.ringstream.analytics.kpi;

/**
 * One thing that happened to a queue, derived from raw contact or agent events, in the form the
 * queue aggregation needs: the contact trackers know which queue a hold belongs to, the queue only
 * adds it up.
 *
 * @param queue the queue it counts in; null for a contact fact that only an agent counts (a talk
 *     without a queue, an offer that rang out)
 * @param time event time of the occurrence, epoch millis
 * @param agentId AGENT_STATE: the agent; contact facts: the agent it counts for in {@code
 *     agent_kpis} (the event's agent, or the agent of the contact's latest ANSWERED), or null
 * @param waitMillis ANSWERED and ABANDONED: time in queue
 * @param durationMillis TALK, HOLD, WRAP_UP: how long it lasted
 * @param presence AGENT_STATE: the new state
 */
public record KpiFact(
        FactType type,
        String tenant,
        String queue,
        long time,
        String contactId,
        String agentId,
        long waitMillis,
        long durationMillis,
        AgentPresence presence) {

    /** The key per-agent aggregation partitions by (facts with an agent only). */
    public String agentKey() {
        return tenant + '\u001f' + agentId;
    }

    /** Whether queue aggregation takes this fact: it names a queue and is not an agent's only. */
    public boolean forQueues() {
        return queue != null && type.forQueues();
    }

    /** Whether per-agent aggregation takes this fact: a contact fact counted for an agent. */
    public boolean forAgents() {
        return agentId != null
                && switch (type) {
                    case ANSWERED, TALK, HOLD, WRAP_UP, OFFER_TIMED_OUT, OFFER_REJECTED -> true;
                    case OFFERED, ABANDONED, LEFT, AGENT_STATE -> false;
                };
    }

    /** The key queue aggregation partitions by. */
    public String queueKey() {
        return tenant + '\u001f' + queue;
    }

    public static KpiFact contact(
            FactType type,
            String tenant,
            String queue,
            long time,
            String contactId,
            long waitMillis,
            long durationMillis) {
        return new KpiFact(
                type, tenant, queue, time, contactId, null, waitMillis, durationMillis, null);
    }

    /** A contact fact that also counts for {@code agentId} (null: for no agent). */
    public static KpiFact contact(
            FactType type,
            String tenant,
            String queue,
            long time,
            String contactId,
            String agentId,
            long waitMillis,
            long durationMillis) {
        return new KpiFact(
                type, tenant, queue, time, contactId, agentId, waitMillis, durationMillis, null);
    }

    public static KpiFact agent(
            String tenant, String queue, long time, String agentId, AgentPresence presence) {
        return new KpiFact(
                FactType.AGENT_STATE, tenant, queue, time, null, agentId, 0, 0, presence);
    }
}
