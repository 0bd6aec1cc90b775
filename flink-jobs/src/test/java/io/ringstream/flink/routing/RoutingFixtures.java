package io.ringstream.flink.routing;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.BusinessEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommand.ContactSpec;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.SupervisorAlert;
import io.ringstream.routing.core.QueuePolicy;
import io.ringstream.routing.core.RoutingConfig;
import io.ringstream.routing.core.RoutingStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds the routing job's inputs for tests, the way routing-service and the PBX send them. */
final class RoutingFixtures {
    static final long T0 = 1_709_287_200_000L;

    private RoutingFixtures() {}

    /**
     * The acceptance scenario's queue: step 1 needs proficiency 4 for 10 s, step 2 needs 2 for 10
     * s, then anyone; 5 s offers; 30 s wrap-up; not ready after 2 misses.
     */
    static RoutingConfig supportPolicy() {
        return RoutingConfig.of(
                QueuePolicy.simple("support")
                        .withSteps(
                                RoutingStep.atLeast(4, Duration.ofSeconds(10)),
                                RoutingStep.atLeast(2, Duration.ofSeconds(10)))
                        .withOfferTimeout(Duration.ofSeconds(5))
                        .withWrapUp(Duration.ofSeconds(30))
                        .withMaxConsecutiveMisses(2));
    }

    static RoutingCommand login(
            String tenant,
            String agentId,
            Map<String, Integer> skills,
            List<String> languages,
            long at) {
        return RoutingCommand.agentLogin(
                UUID.randomUUID().toString(),
                tenant,
                at,
                "test",
                agentId,
                new AgentSpec(
                        "PJSIP/" + agentId,
                        skills,
                        languages,
                        List.of("support"),
                        Map.of(Channel.VOICE, 1),
                        1));
    }

    static RoutingCommand agent(RoutingCommandType type, String tenant, String agentId, long at) {
        return RoutingCommand.forAgent(
                UUID.randomUUID().toString(),
                type,
                tenant,
                at,
                "test",
                agentId,
                type == RoutingCommandType.AGENT_NOT_READY ? "break" : null);
    }

    static RoutingCommand queued(
            String tenant,
            String contactId,
            Map<String, Integer> skills,
            String language,
            String customerId,
            long at) {
        return RoutingCommand.contactQueued(
                EventIds.of("test", tenant, contactId),
                tenant,
                at,
                "test",
                contactId,
                new ContactSpec("support", Channel.VOICE, skills, language, 0, customerId));
    }

    static RoutingCommand answer(
            RoutingCommandType type, String tenant, String agentId, String offerId, long at) {
        return RoutingCommand.forOffer(
                UUID.randomUUID().toString(), type, tenant, at, "test", agentId, offerId, null);
    }

    static ContactEvent contactEvent(
            String tenant, String contactId, ContactEventType type, long at) {
        return ContactEvent.builder(type, contactId)
                .tenant(tenant)
                .eventId(EventIds.of("ami", tenant, contactId, type.name()))
                .eventTime(at)
                .source("ami:pbx")
                .queue("support")
                .build();
    }

    static BusinessEvent crm(String tenant, String customerId, Map<String, String> attrs, long at) {
        return new BusinessEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                UUID.randomUUID().toString(),
                BusinessEventType.STAGE_CHANGED,
                tenant,
                customerId,
                null,
                at,
                "crm:test",
                null,
                "qualified",
                null,
                null,
                attrs);
    }

    static SupervisorAlert alert(
            String tenant, SupervisorAlert.Kind kind, String contactId, long at) {
        return SupervisorAlert.of(
                UUID.randomUUID().toString(),
                kind,
                tenant,
                contactId,
                at,
                "test",
                "support",
                null,
                SupervisorAlert.Severity.WARNING,
                kind + " on " + contactId,
                Map.of());
    }
}
