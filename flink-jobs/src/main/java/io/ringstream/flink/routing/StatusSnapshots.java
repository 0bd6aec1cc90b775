package io.ringstream.flink.routing;

import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.RoutingStatus;
import io.ringstream.events.RoutingStatus.AgentState;
import io.ringstream.events.RoutingStatus.QueueState;
import io.ringstream.events.RoutingStatus.WaitingContact;
import io.ringstream.flink.routing.TenantRouting.ContactInfo;
import io.ringstream.flink.routing.TenantRouting.OfferInfo;
import io.ringstream.routing.core.AgentView;
import io.ringstream.routing.core.QueueView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a tenant's {@link RoutingStatus} from its engine: each queue's waiting contacts in the
 * order they will be served, with position and estimated wait, and each agent's state. Plain Java.
 */
public final class StatusSnapshots {
    private StatusSnapshots() {}

    /**
     * @param contactsLimit contacts listed per queue; the count covers all of them
     */
    public static RoutingStatus build(
            String tenant, TenantRouter router, long now, long sequence, int contactsLimit) {
        TenantRouting state = router.state();
        Map<String, String> offeredTo = new HashMap<>();
        for (OfferInfo o : state.offers.values()) {
            offeredTo.put(o.contactId(), o.agentId());
        }
        List<QueueState> queues = new ArrayList<>();
        for (String queue : router.queues()) {
            QueueView view = router.engine().queue(queue, now);
            int available = 0;
            int loggedIn = 0;
            for (Map.Entry<io.ringstream.routing.core.AgentState, Integer> e :
                    view.agentsByState().entrySet()) {
                loggedIn += e.getValue();
                if (e.getKey() == io.ringstream.routing.core.AgentState.AVAILABLE) {
                    available += e.getValue();
                }
            }
            List<WaitingContact> contacts = new ArrayList<>();
            int position = 0;
            for (QueueView.Waiting w : view.contacts()) {
                position++;
                if (position > contactsLimit) {
                    break;
                }
                ContactInfo info = state.contacts.get(w.contactId());
                contacts.add(
                        new WaitingContact(
                                w.contactId(),
                                info == null ? Channel.VOICE : info.channel(),
                                position,
                                router.estimatedWait(w.contactId(), now).orElse(-1),
                                w.waitedMillis(),
                                w.priority(),
                                w.stepIndex() + 1,
                                offeredTo.get(w.contactId())));
            }
            queues.add(
                    new QueueState(
                            queue,
                            view.waiting() + view.offered(),
                            view.oldestWaitMillis(),
                            view.estimatedWaitMillis(),
                            available,
                            loggedIn,
                            contacts));
        }
        List<AgentState> agents = new ArrayList<>();
        for (AgentView a : router.engine().agents()) {
            if (a.state() == io.ringstream.routing.core.AgentState.OFFLINE) {
                continue;
            }
            List<String> contacts = new ArrayList<>(a.activeContacts());
            for (String offerId : a.pendingOffers()) {
                OfferInfo o = state.offers.get(offerId);
                if (o != null) {
                    contacts.add(o.contactId());
                }
            }
            Set<String> queueNames = new TreeSet<>(a.queues());
            agents.add(
                    new AgentState(
                            a.agentId(),
                            a.state().name(),
                            a.reason(),
                            state.endpoints.get(a.agentId()),
                            state.agentSince.getOrDefault(a.agentId(), a.idleSinceMillis()),
                            List.copyOf(queueNames),
                            contacts));
        }
        return new RoutingStatus(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("routing-status", tenant, Long.toString(sequence), Long.toString(now)),
                tenant,
                now,
                TenantRouter.SOURCE,
                sequence,
                queues,
                agents,
                Map.of());
    }
}
