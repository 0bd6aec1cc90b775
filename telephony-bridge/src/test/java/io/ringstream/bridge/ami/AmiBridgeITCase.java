package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.bridge.BridgeConfig;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Topics;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.ami.AmiTime;
import io.ringstream.pbxsim.flow.Agent;
import io.ringstream.pbxsim.flow.CallFlows;
import io.ringstream.pbxsim.flow.CallScript;
import io.ringstream.pbxsim.flow.ScriptedSession;
import io.ringstream.pbxsim.flow.ScriptedSession.QueueExpectation;
import io.ringstream.pbxsim.flow.ScriptedSession.ScriptedCall;
import io.ringstream.testkit.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bridge end to end on real parts: AMI over TCP from the simulator's endpoint, Asterisk-Java,
 * and a real Kafka broker.
 */
class AmiBridgeITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    private final String serverName = "it-" + UUID.randomUUID().toString().substring(0, 8);
    private final Agent alice = Agent.of("PJSIP/1001", "Alice", "sales");
    private AmiServer server;
    private AmiBridge bridge;

    @BeforeEach
    void start() {
        server = AmiServer.start(0, "ringstream", "s3cret");
        bridge =
                new AmiBridge(
                        BridgeConfig.of(
                                        KAFKA.bootstrapServers(),
                                        "127.0.0.1",
                                        server.port(),
                                        "ringstream",
                                        "s3cret")
                                .withServerName(serverName),
                        KAFKA.publisher());
        bridge.start();
        await().atMost(TIMEOUT).until(() -> bridge.isConnected() && server.sessionCount() == 1);
    }

    @AfterEach
    void stop() {
        bridge.close();
        server.close();
    }

    private static String queueOf(ContactEvent e) {
        return e.queue() == null ? ScriptedSession.NO_QUEUE : e.queue();
    }

    @Test
    void theScriptedSessionBecomesExactlyTheExpectedEvents() {
        ScriptedSession session = ScriptedSession.create(Instant.now());
        Set<String> contactIds =
                session.calls().stream().map(ScriptedCall::contactId).collect(Collectors.toSet());
        Map<String, Map<ContactEventType, Integer>> expected =
                ScriptedSession.expectedContactEvents();
        int expectedContacts =
                expected.values().stream()
                        .flatMap(m -> m.values().stream())
                        .mapToInt(Integer::intValue)
                        .sum();
        int expectedAgents =
                ScriptedSession.expectedAgentEvents().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();

        session.playInto(server);

        List<ContactEvent> contacts =
                KAFKA.awaitRecords(
                        Topics.CONTACT_EVENTS,
                        e -> contactIds.contains(e.contactId()),
                        expectedContacts,
                        TIMEOUT);
        Map<String, Map<ContactEventType, Integer>> counted = new HashMap<>();
        for (ContactEvent e : contacts) {
            counted.computeIfAbsent(queueOf(e), q -> new EnumMap<>(ContactEventType.class))
                    .merge(e.type(), 1, Integer::sum);
        }
        assertThat(counted).isEqualTo(expected);
        for (QueueExpectation q : ScriptedSession.expectedPerQueue().values()) {
            long withinSl =
                    contacts.stream()
                            .filter(e -> e.type() == ContactEventType.ANSWERED)
                            .filter(e -> q.queue().equals(e.queue()))
                            .filter(e -> e.waitMillis() <= 20_000)
                            .count();
            assertThat(withinSl).as(q.queue()).isEqualTo(q.answeredWithinServiceLevel());
        }
        // One contact's events share a key, hence a partition: they arrive in AMI order.
        String s5 = session.calls().get(4).contactId();
        assertThat(contacts.stream().filter(e -> e.contactId().equals(s5)).map(ContactEvent::type))
                .containsExactly(
                        ContactEventType.ARRIVED,
                        ContactEventType.QUEUED,
                        ContactEventType.OFFERED,
                        ContactEventType.OFFER_TIMED_OUT,
                        ContactEventType.OFFERED,
                        ContactEventType.DEQUEUED,
                        ContactEventType.ANSWERED,
                        ContactEventType.TALK_ENDED,
                        ContactEventType.ENDED);

        List<AgentEvent> agents =
                KAFKA.awaitRecords(
                        Topics.AGENT_EVENTS,
                        e -> e.source().equals("ami:" + serverName),
                        expectedAgents,
                        TIMEOUT);
        Map<AgentEventType, Integer> agentCounts = new EnumMap<>(AgentEventType.class);
        agents.forEach(e -> agentCounts.merge(e.type(), 1, Integer::sum));
        assertThat(agentCounts).isEqualTo(ScriptedSession.expectedAgentEvents());

        await().atMost(TIMEOUT)
                .until(() -> bridge.stats().published() == expectedContacts + expectedAgents);
        assertThat(bridge.stats().deadLettered()).isZero();
    }

    @Test
    void malformedFramesAreDeadLetteredAndTheBridgeKeepsPublishing() {
        long now = AmiTime.nowMicros();
        String badTime = (now / 1_000_000L) + ".901";
        String noQueue = (now / 1_000_000L) + ".902";
        server.emitRaw(
                "Event: QueueCallerJoin\r\nPrivilege: agent,all\r\nTimestamp: not-a-number\r\n"
                        + "Channel: PJSIP/trunk-000000f1\r\nUniqueid: "
                        + badTime
                        + "\r\nLinkedid: "
                        + badTime
                        + "\r\nQueue: sales\r\nPosition: 1\r\nCount: 1\r\n\r\n");
        server.emitRaw(
                "Event: QueueCallerJoin\r\nPrivilege: agent,all\r\nTimestamp: "
                        + AmiTime.format(now)
                        + "\r\nChannel: PJSIP/trunk-000000f2\r\nUniqueid: "
                        + noQueue
                        + "\r\nLinkedid: "
                        + noQueue
                        + "\r\nPosition: 1\r\nCount: 1\r\n\r\n");
        CallScript later = new CallFlows().abandoned("support", "+15550300001", now + 1_000, 12);
        later.frames().forEach(server::emit);

        List<DeadLetter> letters =
                KAFKA.awaitRecords(
                        Topics.DEAD_LETTERS,
                        l -> l.payload().contains(badTime) || l.payload().contains(noQueue),
                        2,
                        TIMEOUT);
        assertThat(letters)
                .allSatisfy(
                        l -> {
                            assertThat(l.origin()).isEqualTo(DeadLetter.Origin.AMI);
                            assertThat(l.component()).isEqualTo("telephony-bridge");
                            assertThat(l.payload()).startsWith("Event: QueueCallerJoin\r\n");
                        });
        assertThat(letters)
                .anySatisfy(
                        l -> {
                            assertThat(l.payload()).contains(badTime);
                            assertThat(l.reason())
                                    .startsWith(
                                            "QueueCallerJoin: Timestamp is missing or not a number");
                        })
                .anySatisfy(
                        l -> {
                            assertThat(l.payload()).contains(noQueue);
                            assertThat(l.reason()).isEqualTo("QueueCallerJoin: Queue is missing");
                        });

        List<ContactEvent> afterwards =
                KAFKA.awaitRecords(
                        Topics.CONTACT_EVENTS,
                        e -> e.contactId().equals(later.uniqueid()),
                        5,
                        TIMEOUT);
        assertThat(afterwards)
                .extracting(ContactEvent::type)
                .containsExactly(
                        ContactEventType.ARRIVED,
                        ContactEventType.QUEUED,
                        ContactEventType.ABANDONED,
                        ContactEventType.DEQUEUED,
                        ContactEventType.ENDED);
        assertThat(afterwards.get(2).waitMillis()).isEqualTo(12_000L);
        assertThat(bridge.isConnected()).isTrue();
    }

    @Test
    void afterThePbxDropsTheConnectionTheBridgeReconnectsAndEventsFlowAgain() {
        CallFlows flows = new CallFlows();
        long now = AmiTime.nowMicros();
        CallScript before = flows.answered("sales", "+15550400001", now, alice, 4, 2, 30, "caller");
        before.frames().forEach(server::emit);
        KAFKA.awaitRecords(
                Topics.CONTACT_EVENTS, e -> e.contactId().equals(before.uniqueid()), 7, TIMEOUT);

        server.dropAllSessions();

        await().atMost(TIMEOUT)
                .until(() -> server.totalLogins() == 2 && server.sessionCount() == 1);
        await().atMost(TIMEOUT).until(() -> bridge.isConnected());
        CallScript after =
                flows.answered("sales", "+15550400002", now + 60_000_000, alice, 6, 3, 45, "agent");
        after.frames().forEach(server::emit);

        List<ContactEvent> events =
                KAFKA.awaitRecords(
                        Topics.CONTACT_EVENTS,
                        e -> e.contactId().equals(after.uniqueid()),
                        7,
                        TIMEOUT);
        assertThat(events)
                .extracting(ContactEvent::type)
                .containsExactly(
                        ContactEventType.ARRIVED,
                        ContactEventType.QUEUED,
                        ContactEventType.OFFERED,
                        ContactEventType.DEQUEUED,
                        ContactEventType.ANSWERED,
                        ContactEventType.TALK_ENDED,
                        ContactEventType.ENDED);
        BridgeStats stats = bridge.stats();
        assertThat(stats.disconnects()).isEqualTo(1);
        assertThat(stats.connects()).isEqualTo(2);
    }
}
