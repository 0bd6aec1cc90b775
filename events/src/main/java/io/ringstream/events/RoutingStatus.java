package io.ringstream.events;

import java.util.List;
import java.util.Map;

/**
 * A snapshot of one tenant's routing: who waits where (with position and estimated wait) and what
 * each agent is doing. The routing job publishes one when something changed, at most a few per
 * second; routing-service keeps the latest to answer the PBX with a queue position and to show
 * supervisors the live picture. Keyed by tenant; a newer snapshot replaces the older one whole.
 *
 * @param sequence increases with each snapshot of the tenant (a restored job may repeat numbers;
 *     consumers keep the newest eventTime)
 * @param queues every queue with waiting contacts or logged-in agents, by name
 * @param agents every logged-in agent, by id
 */
public record RoutingStatus(
        int schemaVersion,
        String eventId,
        String tenant,
        long eventTime,
        String source,
        long sequence,
        List<QueueState> queues,
        List<AgentState> agents,
        Map<String, String> attributes)
        implements RingstreamEvent {

    public RoutingStatus {
        queues = queues == null ? List.of() : List.copyOf(queues);
        agents = agents == null ? List.of() : List.copyOf(agents);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * One queue now.
     *
     * @param waiting how many contacts wait (all of them, even when {@code contacts} is cut short)
     * @param oldestWaitMillis how long the longest-waiting contact has waited
     * @param estimatedWaitMillis expected wait of a contact joining now
     * @param contacts the waiting contacts in the order they will be served (at most the job's
     *     configured listing limit)
     */
    public record QueueState(
            String queue,
            int waiting,
            long oldestWaitMillis,
            long estimatedWaitMillis,
            int agentsAvailable,
            int agentsLoggedIn,
            List<WaitingContact> contacts) {
        public QueueState {
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
        }
    }

    /**
     * A contact waiting in a queue.
     *
     * @param position 1 = next to be served in its queue
     * @param step the routing step that applies now (1-based)
     * @param offeredTo the agent holding an offer for it, or null
     */
    public record WaitingContact(
            String contactId,
            Channel channel,
            int position,
            long estimatedWaitMillis,
            long waitingMillis,
            int priority,
            int step,
            String offeredTo) {}

    /**
     * An agent now.
     *
     * @param state {@code AVAILABLE}, {@code RESERVED}, {@code BUSY}, {@code WRAP_UP}, {@code
     *     NOT_READY} (offline agents are not listed)
     * @param reason the not-ready reason
     * @param sinceMillis when the agent entered this state, epoch milliseconds
     * @param contacts the contacts the agent is handling or has been offered
     */
    public record AgentState(
            String agentId,
            String state,
            String reason,
            String endpoint,
            long sinceMillis,
            List<String> queues,
            List<String> contacts) {
        public AgentState {
            queues = queues == null ? List.of() : List.copyOf(queues);
            contacts = contacts == null ? List.of() : List.copyOf(contacts);
        }
    }

    @Override
    public String key() {
        return tenant;
    }

    @Override
    public List<String> violations() {
        Violations v = Violations.ofEnvelope(this, "status");
        v.check(sequence >= 0, "sequence must be >= 0");
        return v.list();
    }
}
