package io.ringstream.routing.live;

import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.Channel;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.RoutingStatus;
import java.util.List;
import java.util.Map;

/** Builds what the routing job publishes, for tests of the service that consumes it. */
public final class Assignments {
    public static final long T0 = 1_709_287_200_000L;

    private Assignments() {}

    public static Assignment of(
            AssignmentType type, String tenant, String offerId, String contactId, String agentId) {
        return of(type, tenant, offerId, contactId, agentId, null);
    }

    public static Assignment of(
            AssignmentType type,
            String tenant,
            String offerId,
            String contactId,
            String agentId,
            String customerId) {
        return new Assignment(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                Assignment.idOf(tenant, offerId, type),
                type,
                tenant,
                T0,
                "flink:routing",
                offerId,
                contactId,
                agentId,
                "PJSIP/" + agentId,
                "support",
                Channel.VOICE,
                1,
                T0 + 20_000,
                customerId,
                EventIds.of("decision", offerId),
                null,
                Map.of());
    }

    /** A snapshot with the given contacts waiting in "support", in that order. */
    public static RoutingStatus waiting(String tenant, long at, String... contactIds) {
        List<RoutingStatus.WaitingContact> contacts =
                java.util.stream.IntStream.range(0, contactIds.length)
                        .mapToObj(
                                i ->
                                        new RoutingStatus.WaitingContact(
                                                contactIds[i],
                                                Channel.VOICE,
                                                i + 1,
                                                (i + 1) * 30_000L,
                                                5_000,
                                                0,
                                                1,
                                                null))
                        .toList();
        return new RoutingStatus(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("status", tenant, Long.toString(at)),
                tenant,
                at,
                "flink:routing",
                1,
                List.of(
                        new RoutingStatus.QueueState(
                                "support",
                                contactIds.length,
                                5_000,
                                (contactIds.length + 1) * 30_000L,
                                0,
                                1,
                                contacts)),
                List.of(
                        new RoutingStatus.AgentState(
                                "a1",
                                "BUSY",
                                null,
                                "PJSIP/a1",
                                at,
                                List.of("support"),
                                List.of("other"))),
                Map.of());
    }
}
