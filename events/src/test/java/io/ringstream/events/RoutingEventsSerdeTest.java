package io.ringstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.RoutingCommand.AgentSpec;
import io.ringstream.events.RoutingCommand.ContactSpec;
import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The routing topics' events survive JSON, are keyed by tenant and reject what routing cannot use.
 */
class RoutingEventsSerdeTest {
    private static final long T0 = 1_700_000_000_000L;

    private static RoutingCommand queued() {
        return RoutingCommand.contactQueued(
                "e1",
                "acme",
                T0,
                "routing-service",
                "c1",
                new ContactSpec("support", Channel.VOICE, Map.of("billing", 3), "es", 2, "cust-7"));
    }

    private static RoutingCommand login() {
        return RoutingCommand.agentLogin(
                "e2",
                "acme",
                T0,
                "routing-service",
                "a1",
                new AgentSpec(
                        "PJSIP/1001",
                        Map.of("billing", 5),
                        List.of("es", "en"),
                        List.of("support"),
                        Map.of(Channel.VOICE, 1, Channel.CHAT, 3),
                        4));
    }

    @Test
    void commandsRoundTripAndAreKeyedByTenant() {
        for (RoutingCommand command : List.of(queued(), login())) {
            RoutingCommand decoded =
                    Topics.ROUTING_COMMANDS
                            .serde()
                            .deserialize(Topics.ROUTING_COMMANDS.serde().serialize(command));

            assertThat(decoded).isEqualTo(command);
            assertThat(Topics.ROUTING_COMMANDS.keyOf(decoded)).isEqualTo("acme");
        }
    }

    @Test
    void priorityAndSeniorityDefaultWhenAbsent() {
        String json =
                "{\"schemaVersion\":1,\"eventId\":\"e\",\"type\":\"CONTACT_QUEUED\",\"tenant\":\"t\","
                        + "\"eventTime\":1700000000000,\"source\":\"pbx\",\"contactId\":\"c9\","
                        + "\"contact\":{\"queue\":\"sales\",\"channel\":\"CHAT\"}}";

        RoutingCommand decoded = Topics.ROUTING_COMMANDS.serde().fromJson(json);

        assertThat(decoded.contact().priority()).isZero();
        assertThat(decoded.contact().skills()).isEmpty();
        assertThat(new AgentSpec(null, null, null, List.of("q"), null, null).seniority())
                .isEqualTo(1);
    }

    @Test
    void aQueuedContactNeedsItsQueueAndChannelAndSaneProficiencies() {
        RoutingCommand bad =
                RoutingCommand.contactQueued(
                        "e",
                        "t",
                        T0,
                        "pbx",
                        "c1",
                        new ContactSpec(null, null, Map.of("billing", 9), null, null, null));

        assertThat(bad.violations())
                .containsExactly(
                        "contact.queue is required",
                        "contact.channel is required",
                        "contact proficiency of billing must be 1..5");
        assertThat(
                        RoutingCommand.forContact(
                                        "e", RoutingCommandType.CONTACT_QUEUED, "t", T0, "x", "c")
                                .violations())
                .containsExactly("contact is required");
    }

    @Test
    void aTransferNeedsTheOfferItLeavesAndTheContactsNewNeeds() {
        ContactSpec retention =
                new ContactSpec("retention", Channel.VOICE, Map.of(), null, 0, null);
        RoutingCommand transfer =
                RoutingCommand.contactTransferred("e", "t", T0, "pbx", "c1", "o-1", retention);

        assertThat(transfer.violations()).isEmpty();
        assertThat(
                        Topics.ROUTING_COMMANDS
                                .serde()
                                .fromJson(Topics.ROUTING_COMMANDS.serde().toJson(transfer)))
                .isEqualTo(transfer);
        assertThat(
                        RoutingCommand.contactTransferred("e", "t", T0, "pbx", "c1", null, null)
                                .violations())
                .containsExactly("offerId is required", "contact is required");
    }

    @Test
    void agentAndOfferCommandsNeedTheirIdentifiers() {
        assertThat(
                        RoutingCommand.forAgent(
                                        "e",
                                        RoutingCommandType.AGENT_NOT_READY,
                                        "t",
                                        T0,
                                        "x",
                                        null,
                                        null)
                                .violations())
                .containsExactly("agentId is required", "reason is required");
        assertThat(
                        RoutingCommand.forOffer(
                                        "e",
                                        RoutingCommandType.OFFER_REJECTED,
                                        "t",
                                        T0,
                                        "x",
                                        "a1",
                                        null,
                                        null)
                                .violations())
                .containsExactly("offerId is required");
        AgentSpec noQueues = new AgentSpec("x", Map.of(), List.of(), List.of(), Map.of(), 9);
        assertThat(RoutingCommand.agentLogin("e", "t", T0, "x", "a1", noQueues).violations())
                .containsExactly(
                        "agent.queues must name at least one queue",
                        "agent.seniority must be 1..5");
    }

    @Test
    void unknownCommandTypeIsRejectedWithAReason() {
        String json =
                Topics.ROUTING_COMMANDS.serde().toJson(queued()).replace("CONTACT_QUEUED", "X");

        assertThatThrownBy(() -> Topics.ROUTING_COMMANDS.serde().fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageStartingWith("malformed RoutingCommand");
    }

    @Test
    void assignmentsRoundTripWithStableIds() {
        Assignment offered =
                new Assignment(
                        1,
                        Assignment.idOf("acme", "o1", AssignmentType.OFFERED),
                        AssignmentType.OFFERED,
                        "acme",
                        T0,
                        "flink:routing",
                        "o1",
                        "c1",
                        "a1",
                        "PJSIP/1001",
                        "support",
                        Channel.VOICE,
                        1,
                        T0 + 15_000,
                        "cust-7",
                        "d1",
                        null,
                        Map.of());

        Assignment decoded =
                Topics.ROUTING_ASSIGNMENTS
                        .serde()
                        .deserialize(Topics.ROUTING_ASSIGNMENTS.serde().serialize(offered));

        assertThat(decoded).isEqualTo(offered);
        assertThat(Topics.ROUTING_ASSIGNMENTS.keyOf(decoded)).isEqualTo("acme");
        assertThat(Assignment.idOf("acme", "o1", AssignmentType.OFFERED))
                .isEqualTo(offered.eventId())
                .isNotEqualTo(Assignment.idOf("acme", "o1", AssignmentType.ACCEPTED));
    }

    @Test
    void anOfferNeedsWhereItExpiresAndItsStep() {
        Assignment offered =
                new Assignment(
                        1,
                        "id",
                        AssignmentType.OFFERED,
                        "t",
                        T0,
                        "x",
                        "o1",
                        "c1",
                        "a1",
                        null,
                        null,
                        null,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null);

        assertThat(offered.violations())
                .containsExactly(
                        "queue is required",
                        "channel is required",
                        "expiresAt is required",
                        "step must be >= 1");
    }

    @Test
    void statusSnapshotsRoundTrip() {
        RoutingStatus status =
                new RoutingStatus(
                        1,
                        "s1",
                        "acme",
                        T0,
                        "flink:routing",
                        4,
                        List.of(
                                new RoutingStatus.QueueState(
                                        "support",
                                        1,
                                        8_000,
                                        12_000,
                                        0,
                                        2,
                                        List.of(
                                                new RoutingStatus.WaitingContact(
                                                        "c1",
                                                        Channel.VOICE,
                                                        1,
                                                        12_000,
                                                        8_000,
                                                        0,
                                                        2,
                                                        null)))),
                        List.of(
                                new RoutingStatus.AgentState(
                                        "a1",
                                        "WRAP_UP",
                                        null,
                                        "PJSIP/1001",
                                        T0 - 1_000,
                                        List.of("support"),
                                        List.of())),
                        Map.of());

        RoutingStatus decoded =
                Topics.ROUTING_STATUS
                        .serde()
                        .deserialize(Topics.ROUTING_STATUS.serde().serialize(status));

        assertThat(decoded).isEqualTo(status);
        assertThat(Topics.ROUTING_STATUS.keyOf(decoded)).isEqualTo("acme");
    }
}
