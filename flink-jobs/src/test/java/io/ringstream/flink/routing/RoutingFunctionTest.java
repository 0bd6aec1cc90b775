package io.ringstream.flink.routing;

import static io.ringstream.flink.routing.RoutingFixtures.T0;
import static io.ringstream.flink.routing.RoutingFixtures.agent;
import static io.ringstream.flink.routing.RoutingFixtures.login;
import static io.ringstream.flink.routing.RoutingFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Assignment;
import io.ringstream.events.AssignmentType;
import io.ringstream.events.RoutingCommand;
import io.ringstream.events.RoutingCommandType;
import io.ringstream.events.RoutingStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The routing operator in processing time: timers drive offer timeouts and snapshots, state
 * survives a snapshot and restore, and an idle tenant leaves no state behind.
 */
class RoutingFunctionTest {
    private static final String T = "acme";
    private static final RoutingSettings SETTINGS =
            RoutingSettings.defaults(RoutingFixtures.supportPolicy())
                    .withStatus(Duration.ofMillis(200), Duration.ofSeconds(5));

    private KeyedOneInputStreamOperatorTestHarness<String, RoutingInput, Assignment> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.setProcessingTime(T0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, RoutingInput, Assignment>
            newHarness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new RoutingFunction(SETTINGS)),
                RoutingInput::tenant,
                Types.STRING);
    }

    private void send(RoutingCommand c) throws Exception {
        harness.processElement(new StreamRecord<>(RoutingInput.of(c)));
    }

    private List<Assignment> assignments() {
        return harness.extractOutputValues();
    }

    private List<RoutingStatus> snapshots() {
        return harness.getSideOutput(RoutingFunction.STATUS).stream()
                .map(StreamRecord::getValue)
                .toList();
    }

    @Test
    void anUnansweredOfferTimesOutOnItsTimerAndTheAgentIsOfferedNothingElse() throws Exception {
        send(login(T, "a1", Map.of("billing", 5), List.of("es"), T0));
        send(agent(RoutingCommandType.AGENT_READY, T, "a1", T0));
        send(queued(T, "c1", Map.of("billing", 3), "es", null, T0));
        assertThat(assignments())
                .extracting(Assignment::type)
                .containsExactly(AssignmentType.OFFERED);

        harness.setProcessingTime(T0 + 4_999);
        assertThat(assignments()).hasSize(1);
        harness.setProcessingTime(T0 + 5_000);

        assertThat(assignments())
                .extracting(Assignment::type)
                .containsExactly(AssignmentType.OFFERED, AssignmentType.TIMED_OUT);
        assertThat(harness.getSideOutput(RoutingFunction.DECISIONS)).hasSize(1);
    }

    @Test
    void snapshotsAreThrottledAndShowTheWaitingContact() throws Exception {
        send(queued(T, "c1", Map.of("billing", 3), "es", null, T0));
        send(queued(T, "c2", Map.of("billing", 3), "es", null, T0));
        assertThat(snapshots()).hasSize(1);

        harness.setProcessingTime(T0 + 200);

        assertThat(snapshots()).hasSize(2);
        RoutingStatus latest = snapshots().get(1);
        assertThat(latest.tenant()).isEqualTo(T);
        assertThat(latest.sequence()).isEqualTo(2);
        assertThat(latest.queues())
                .singleElement()
                .satisfies(
                        q -> {
                            assertThat(q.queue()).isEqualTo("support");
                            assertThat(q.waiting()).isEqualTo(2);
                            assertThat(q.contacts())
                                    .extracting(RoutingStatus.WaitingContact::contactId)
                                    .containsExactly("c1", "c2");
                        });
        harness.setProcessingTime(T0 + 5_200);
        assertThat(snapshots()).as("heartbeat").hasSize(3);
    }

    @Test
    void waitingContactsAndPendingOffersSurviveARestore() throws Exception {
        send(login(T, "a1", Map.of("billing", 5), List.of("es"), T0));
        send(agent(RoutingCommandType.AGENT_READY, T, "a1", T0));
        send(queued(T, "c1", Map.of("billing", 3), "es", null, T0));
        send(queued(T, "c2", Map.of("billing", 3), "es", null, T0 + 1));
        Assignment pending = assignments().get(0);
        OperatorSubtaskState snapshot = harness.snapshot(1, T0 + 1);
        harness.close();

        harness = newHarness();
        harness.setProcessingTime(T0 + 1);
        harness.initializeState(snapshot);
        harness.open();
        harness.setProcessingTime(pending.expiresAt());

        assertThat(assignments())
                .as("the restored offer times out and the restored waiting contact is offered")
                .extracting(Assignment::type, Assignment::contactId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(AssignmentType.TIMED_OUT, "c1"),
                        org.assertj.core.groups.Tuple.tuple(AssignmentType.OFFERED, "c2"));
    }

    @Test
    void aTenantWithNothingLeftKeepsNoState() throws Exception {
        send(login(T, "a1", Map.of("billing", 5), List.of("es"), T0));
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

        send(agent(RoutingCommandType.AGENT_LOGOUT, T, "a1", T0 + 1));
        harness.setProcessingTime(T0 + 1_000);

        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(snapshots().get(snapshots().size() - 1).agents()).isEmpty();
    }
}
