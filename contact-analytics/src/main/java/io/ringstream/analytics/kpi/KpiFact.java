package io.ringstream.analytics.kpi;

/**
 * One thing that happened to a queue, derived from raw contact or agent events, in the form the
 * queue aggregation needs: the contact trackers know which queue a hold belongs to, the queue only
 * adds it up.
 *
 * @param time event time of the occurrence, epoch millis
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

    public static KpiFact agent(
            String tenant, String queue, long time, String agentId, AgentPresence presence) {
        return new KpiFact(
                FactType.AGENT_STATE, tenant, queue, time, null, agentId, 0, 0, presence);
    }
}
