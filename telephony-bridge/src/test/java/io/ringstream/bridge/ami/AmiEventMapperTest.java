package io.ringstream.bridge.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.bridge.ContactCustomers;
import io.ringstream.events.AgentEvent;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.Tenants;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.AgentRingNoAnswerEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberAddedEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberPausedEvent;
import org.asteriskjava.manager.event.QueueMemberRemovedEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.VarSetEvent;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every mapping rule and dead-letter case of the AMI mapper, given an event, when mapped, then. */
class AmiEventMapperTest {
    private static final double TS = 1_715_677_202.000042;
    private static final long TS_MILLIS = 1_715_677_202_000L;
    private static final long RECEIVED = 1_715_677_203_500L;
    private static final String CALLER = "1715677200.11";
    private static final String AGENT_LEG = "1715677205.12";

    private final AmiEventMapper mapper = new AmiEventMapper("pbx1", true);

    private static <E extends ManagerEvent> E stamped(E event) {
        event.setTimestamp(TS);
        event.setPrivilege("agent,all");
        return event;
    }

    private ContactEvent contact(ManagerEvent event) {
        MappingResult result = mapper.map(event, RECEIVED);
        assertThat(result).isInstanceOf(MappingResult.Contact.class);
        return ((MappingResult.Contact) result).event();
    }

    private AgentEvent agent(ManagerEvent event) {
        MappingResult result = mapper.map(event, RECEIVED);
        assertThat(result).isInstanceOf(MappingResult.Agent.class);
        return ((MappingResult.Agent) result).event();
    }

    private DeadLetter rejected(AmiEventMapper m, ManagerEvent event) {
        MappingResult result = m.map(event, RECEIVED);
        assertThat(result).isInstanceOf(MappingResult.Rejected.class);
        return ((MappingResult.Rejected) result).deadLetter();
    }

    static QueueCallerJoinEvent join(String queue) {
        QueueCallerJoinEvent e = stamped(new QueueCallerJoinEvent("test"));
        e.setQueue(queue);
        e.setUniqueId(CALLER);
        e.setLinkedId(CALLER);
        e.setChannel("PJSIP/trunk-0000000b");
        e.setPosition(2);
        e.setCount(2);
        return e;
    }

    static AgentConnectEvent connect() {
        AgentConnectEvent e = stamped(new AgentConnectEvent("test"));
        e.setQueue("sales");
        e.setUniqueId(CALLER);
        e.setLinkedId(CALLER);
        e.setInterface("PJSIP/1001");
        e.setMemberName("Alice");
        e.setHoldTime(12L);
        e.setRingtime(3_000L);
        e.setDestUniqueId(AGENT_LEG);
        return e;
    }

    @Nested
    class Customers {
        private final ContactCustomers customers = new ContactCustomers(100);
        private final AmiEventMapper withCustomers = new AmiEventMapper("pbx1", true, customers);

        private ContactEvent mapped(ManagerEvent event) {
            MappingResult result = withCustomers.map(event, RECEIVED);
            assertThat(result).isInstanceOf(MappingResult.Contact.class);
            return ((MappingResult.Contact) result).event();
        }

        private HangupEvent hangup() {
            HangupEvent e = stamped(new HangupEvent("test"));
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setCause(16);
            return e;
        }

        @Test
        void eventsOfAContactCarryItsCustomerOnceKnownUntilItEnds() {
            ContactEvent before = mapped(join("sales"));
            customers.learn(CALLER, "k42");

            ContactEvent queued = mapped(join("sales"));
            ContactEvent answered = mapped(connect());
            ContactEvent ended = mapped(hangup());
            ContactEvent afterwards = mapped(join("sales"));

            assertThat(before.customerId()).isNull();
            assertThat(queued.customerId()).isEqualTo("k42");
            assertThat(answered.customerId()).isEqualTo("k42");
            assertThat(ended.customerId()).as("the hangup is stamped too").isEqualTo("k42");
            assertThat(customers.customerOf(CALLER)).as("forgotten at ENDED").isNull();
            assertThat(afterwards.customerId()).isNull();
        }

        @Test
        void anAbandonedContactKeepsItsCustomerForItsHangup() {
            customers.learn(CALLER, "k42");
            QueueCallerAbandonEvent abandon = stamped(new QueueCallerAbandonEvent("test"));
            abandon.setQueue("sales");
            abandon.setUniqueId(CALLER);
            abandon.setLinkedId(CALLER);
            abandon.setHoldTime(30);

            ContactEvent abandoned = mapped(abandon);
            ContactEvent ended = mapped(hangup());

            assertThat(abandoned.customerId()).isEqualTo("k42");
            assertThat(ended.customerId()).isEqualTo("k42");
            assertThat(customers.size()).isZero();
        }

        @Test
        void anotherContactsEventsAndAgentEventsCarryNoCustomer() {
            customers.learn("1715677999.99", "k42");
            QueueMemberAddedEvent added = stamped(new QueueMemberAddedEvent("test"));
            added.setQueue("sales");
            added.setInterface("PJSIP/1001");

            assertThat(mapped(join("sales")).customerId()).isNull();
            assertThat(withCustomers.map(added, RECEIVED)).isInstanceOf(MappingResult.Agent.class);
            assertThat(customers.customerOf("1715677999.99")).isEqualTo("k42");
        }

        @Test
        void identifiedIsAValidEventWhoseIdDependsOnContactAndCustomerOnly() {
            ContactEvent first = withCustomers.identified("acme", CALLER, "k42", RECEIVED);
            ContactEvent repeat =
                    new AmiEventMapper("pbx2", true).identified(null, CALLER, "k42", RECEIVED + 9);
            ContactEvent other = withCustomers.identified("acme", CALLER, "k43", RECEIVED);

            assertThat(first.violations()).isEmpty();
            assertThat(first.type()).isEqualTo(ContactEventType.IDENTIFIED);
            assertThat(first.customerId()).isEqualTo("k42");
            assertThat(first.tenant()).isEqualTo("acme");
            assertThat(first.queue()).isNull();
            assertThat(first.agentId()).isNull();
            assertThat(repeat.tenant()).isEqualTo(Tenants.DEFAULT);
            assertThat(repeat.eventId()).isEqualTo(first.eventId());
            assertThat(other.eventId()).isNotEqualTo(first.eventId());
        }
    }

    @Nested
    class Contacts {
        @Test
        void theCallersNewChannelIsAnArrival() {
            NewChannelEvent e = stamped(new NewChannelEvent("test"));
            e.setUniqueId(CALLER);
            e.setLinkedid(CALLER);
            e.setChannel("PJSIP/trunk-0000000b");
            e.setCallerIdNum("+15550100001");
            e.setExten("800");

            ContactEvent arrived = contact(e);

            assertThat(arrived.type()).isEqualTo(ContactEventType.ARRIVED);
            assertThat(arrived.contactId()).isEqualTo(CALLER);
            assertThat(arrived.channel()).isEqualTo(Channel.VOICE);
            assertThat(arrived.source()).isEqualTo("ami:pbx1");
            assertThat(arrived.eventTime()).isEqualTo(TS_MILLIS);
            assertThat(arrived.queue()).isNull();
            assertThat(arrived.attribute("callerIdNum")).isEqualTo("+15550100001");
            assertThat(arrived.attribute("exten")).isEqualTo("800");
        }

        @Test
        void anAgentLegsNewChannelBelongsToTheCallersContactAndIsIgnored() {
            NewChannelEvent e = stamped(new NewChannelEvent("test"));
            e.setUniqueId(AGENT_LEG);
            e.setLinkedid(CALLER);

            assertThat(mapper.map(e, RECEIVED)).isInstanceOf(MappingResult.Ignored.class);
        }

        @Test
        void joiningAQueueIsQueuedWithItsPosition() {
            ContactEvent queued = contact(join("sales"));

            assertThat(queued.type()).isEqualTo(ContactEventType.QUEUED);
            assertThat(queued.queue()).isEqualTo("sales");
            assertThat(queued.contactId()).isEqualTo(CALLER);
            assertThat(queued.attribute("position")).isEqualTo("2");
            assertThat(queued.attribute("count")).isEqualTo("2");
        }

        @Test
        void theContactIsTheLinkedidWhenTheQueuedChannelIsNotTheCallersOwn() {
            QueueCallerJoinEvent e = join("sales");
            e.setUniqueId("1715677201.20");

            assertThat(contact(e).contactId()).isEqualTo(CALLER);
        }

        @Test
        void ringingAnAgentIsAnOffer() {
            AgentCalledEvent e = stamped(new AgentCalledEvent("test"));
            e.setQueue("sales");
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setInterface("PJSIP/1001");
            e.setMemberName("Alice");
            e.setDestChannel("PJSIP/1001-0000000c");

            ContactEvent offered = contact(e);

            assertThat(offered.type()).isEqualTo(ContactEventType.OFFERED);
            assertThat(offered.agentId()).isEqualTo("PJSIP/1001");
            assertThat(offered.queue()).isEqualTo("sales");
            assertThat(offered.attribute("memberName")).isEqualTo("Alice");
            assertThat(offered.attribute("agentChannel")).isEqualTo("PJSIP/1001-0000000c");
        }

        @Test
        void aRingNoAnswerIsATimedOutOffer() {
            AgentRingNoAnswerEvent e = stamped(new AgentRingNoAnswerEvent("test"));
            e.setQueue("sales");
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setInterface("PJSIP/1001");
            e.setRingtime(15_000L);

            ContactEvent timedOut = contact(e);

            assertThat(timedOut.type()).isEqualTo(ContactEventType.OFFER_TIMED_OUT);
            assertThat(timedOut.agentId()).isEqualTo("PJSIP/1001");
            assertThat(timedOut.attribute("ringMillis")).isEqualTo("15000");
        }

        @Test
        void aConnectIsAnAnswerWithTheHoldTimeAsWait() {
            ContactEvent answered = contact(connect());

            assertThat(answered.type()).isEqualTo(ContactEventType.ANSWERED);
            assertThat(answered.agentId()).isEqualTo("PJSIP/1001");
            assertThat(answered.waitMillis()).isEqualTo(12_000L);
            assertThat(answered.attribute("ringMillis")).isEqualTo("3000");
            assertThat(answered.attribute("memberName")).isEqualTo("Alice");
        }

        @Test
        void aCompleteEndsTheTalkWithTalkTimeAndReason() {
            AgentCompleteEvent e = stamped(new AgentCompleteEvent("test"));
            e.setQueue("sales");
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setInterface("PJSIP/1001");
            e.setHoldTime(12L);
            e.setTalkTime(200L);
            e.setReason("agent");

            ContactEvent ended = contact(e);

            assertThat(ended.type()).isEqualTo(ContactEventType.TALK_ENDED);
            assertThat(ended.durationMillis()).isEqualTo(200_000L);
            assertThat(ended.reason()).isEqualTo("agent");
            assertThat(ended.agentId()).isEqualTo("PJSIP/1001");
            assertThat(ended.attribute("holdMillis")).isEqualTo("12000");
        }

        @Test
        void anAbandonCarriesTheWaitAndPositions() {
            QueueCallerAbandonEvent e = stamped(new QueueCallerAbandonEvent("test"));
            e.setQueue("support");
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setHoldTime(25);
            e.setPosition(1);
            e.setOriginalPosition(3);

            ContactEvent abandoned = contact(e);

            assertThat(abandoned.type()).isEqualTo(ContactEventType.ABANDONED);
            assertThat(abandoned.queue()).isEqualTo("support");
            assertThat(abandoned.waitMillis()).isEqualTo(25_000L);
            assertThat(abandoned.attribute("originalPosition")).isEqualTo("3");
        }

        @Test
        void leavingTheQueueIsDequeued() {
            QueueCallerLeaveEvent e = stamped(new QueueCallerLeaveEvent("test"));
            e.setQueue("support");
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setPosition(1);
            e.setCount(0);

            ContactEvent dequeued = contact(e);

            assertThat(dequeued.type()).isEqualTo(ContactEventType.DEQUEUED);
            assertThat(dequeued.queue()).isEqualTo("support");
        }

        @Test
        void theCallersHangupEndsTheContactWithTheCauseText() {
            HangupEvent e = stamped(new HangupEvent("test"));
            e.setUniqueId(CALLER);
            e.setLinkedId(CALLER);
            e.setCause(16);
            e.setCauseTxt("Normal Clearing");

            ContactEvent ended = contact(e);

            assertThat(ended.type()).isEqualTo(ContactEventType.ENDED);
            assertThat(ended.reason()).isEqualTo("Normal Clearing");
            assertThat(ended.attribute("cause")).isEqualTo("16");
        }

        @Test
        void anAgentLegsHangupIsIgnoredAndACauseWithoutTextStillGivesAReason() {
            HangupEvent agentLeg = stamped(new HangupEvent("test"));
            agentLeg.setUniqueId(AGENT_LEG);
            agentLeg.setLinkedId(CALLER);
            HangupEvent noText = stamped(new HangupEvent("test"));
            noText.setUniqueId(CALLER);
            noText.setLinkedId(CALLER);
            noText.setCause(17);

            assertThat(mapper.map(agentLeg, RECEIVED)).isInstanceOf(MappingResult.Ignored.class);
            assertThat(contact(noText).reason()).isEqualTo("cause 17");
        }
    }

    @Nested
    class Agents {
        @Test
        void addedAndRemovedMembersLogInAndOutOfTheirQueue() {
            QueueMemberAddedEvent added = stamped(new QueueMemberAddedEvent("test"));
            added.setQueue("sales");
            added.setInterface("PJSIP/1003");
            added.setMemberName("Carol");
            added.setPaused(true);
            QueueMemberRemovedEvent removed = stamped(new QueueMemberRemovedEvent("test"));
            removed.setQueue("sales");
            removed.setInterface("PJSIP/1003");

            AgentEvent in = agent(added);
            AgentEvent out = agent(removed);

            assertThat(in.type()).isEqualTo(AgentEventType.LOGGED_IN);
            assertThat(in.agentId()).isEqualTo("PJSIP/1003");
            assertThat(in.queue()).isEqualTo("sales");
            assertThat(in.attributes())
                    .containsEntry("memberName", "Carol")
                    .containsEntry("paused", "true");
            assertThat(in.eventTime()).isEqualTo(TS_MILLIS);
            assertThat(out.type()).isEqualTo(AgentEventType.LOGGED_OUT);
        }

        @Test
        void pausingIsNotReadyWithTheReasonAndUnpausingIsReady() {
            QueueMemberPauseEvent pause = stamped(new QueueMemberPauseEvent("test"));
            pause.setQueue("support");
            pause.setInterface("PJSIP/2002");
            pause.setPaused(true);
            pause.setPausedreason("Auto-Pause");
            QueueMemberPauseEvent noReason = stamped(new QueueMemberPauseEvent("test"));
            noReason.setQueue("support");
            noReason.setInterface("PJSIP/2002");
            noReason.setPaused(true);
            QueueMemberPauseEvent unpause = stamped(new QueueMemberPauseEvent("test"));
            unpause.setQueue("support");
            unpause.setInterface("PJSIP/2002");
            unpause.setPaused(false);

            assertThat(agent(pause).type()).isEqualTo(AgentEventType.NOT_READY);
            assertThat(agent(pause).reason()).isEqualTo("Auto-Pause");
            assertThat(agent(noReason).reason()).isEqualTo("paused");
            assertThat(agent(unpause).type()).isEqualTo(AgentEventType.READY);
        }

        @Test
        void theOlderQueueMemberPausedEventWorksToo() {
            QueueMemberPausedEvent paused = stamped(new QueueMemberPausedEvent("test"));
            paused.setQueue("support");
            paused.setInterface("PJSIP/2002");
            paused.setPaused(true);
            paused.setReason("Lunch");

            assertThat(agent(paused).reason()).isEqualTo("Lunch");
        }

        @ParameterizedTest(name = "paused={0} status={1} -> {2} {3}")
        @CsvSource({
            "false, 1, READY,",
            "false, 2, BUSY,",
            "false, 3, BUSY,",
            "false, 6, BUSY,",
            "false, 7, BUSY,",
            "false, 8, BUSY,",
            "false, 4, NOT_READY, device invalid",
            "false, 5, NOT_READY, device unavailable",
            "true, 1, NOT_READY, Break",
            "true, 2, NOT_READY, Break",
        })
        void memberStatusFollowsTheDocumentedTable(
                boolean paused, int status, AgentEventType expected, String reason) {
            QueueMemberStatusEvent e = stamped(new QueueMemberStatusEvent("test"));
            e.setQueue("sales");
            e.setInterface("PJSIP/1001");
            e.setStatus(status);
            e.setPaused(paused);
            e.setPausedreason(paused ? "Break" : "");

            AgentEvent mapped = agent(e);

            assertThat(mapped.type()).isEqualTo(expected);
            assertThat(mapped.reason()).isEqualTo(reason);
            assertThat(mapped.attributes()).containsEntry("deviceStatus", Integer.toString(status));
        }

        @Test
        void anUnknownDeviceStateSaysNothingAndAnUnheardOfCodeIsADeadLetter() {
            QueueMemberStatusEvent unknown = stamped(new QueueMemberStatusEvent("test"));
            unknown.setQueue("sales");
            unknown.setInterface("PJSIP/1001");
            unknown.setStatus(0);
            unknown.setPaused(false);
            QueueMemberStatusEvent weird = stamped(new QueueMemberStatusEvent("test"));
            weird.setQueue("sales");
            weird.setInterface("PJSIP/1001");
            weird.setStatus(42);
            weird.setPaused(false);

            assertThat(mapper.map(unknown, RECEIVED)).isInstanceOf(MappingResult.Ignored.class);
            assertThat(rejected(mapper, weird).reason())
                    .isEqualTo("QueueMemberStatus: unknown Status 42");
        }
    }

    @Nested
    class DeadLetters {
        @Test
        void aJoinWithoutQueueIsADeadLetterWithTheFrame() {
            DeadLetter letter = rejected(mapper, join(null));

            assertThat(letter.reason()).isEqualTo("QueueCallerJoin: Queue is missing");
            assertThat(letter.origin()).isEqualTo(DeadLetter.Origin.AMI);
            assertThat(letter.component()).isEqualTo("telephony-bridge");
            assertThat(letter.failedAt()).isEqualTo(RECEIVED);
            assertThat(letter.payload())
                    .startsWith("Event: QueueCallerJoin\r\nPrivilege: agent,all\r\n")
                    .contains("Timestamp: 1715677202.000042\r\n")
                    .contains("UniqueId: " + CALLER + "\r\n")
                    .contains("Position: 2\r\n")
                    .endsWith("\r\n\r\n");
        }

        @Test
        void aMissingOrUnparsableTimestampIsADeadLetterWhenTimestampsAreRequired() {
            QueueCallerJoinEvent e = join("sales");
            e.setTimestamp(null);

            DeadLetter letter = rejected(mapper, e);

            assertThat(letter.reason())
                    .startsWith("QueueCallerJoin: Timestamp is missing or not a number");
            assertThat(letter.payload()).doesNotContain("Timestamp:");
        }

        @Test
        void withoutRequiredTimestampsTheReceiveTimeIsUsed() {
            QueueCallerJoinEvent e = join("sales");
            e.setTimestamp(null);

            MappingResult result = new AmiEventMapper("pbx1", false).map(e, RECEIVED);

            assertThat(((MappingResult.Contact) result).event().eventTime()).isEqualTo(RECEIVED);
        }

        @Test
        void aTimestampInMicrosecondsFailsTheEventsOwnValidation() {
            QueueCallerJoinEvent e = join("sales");
            e.setTimestamp(1_715_677_202_000_042.0);

            assertThat(rejected(mapper, e).reason())
                    .startsWith("invalid ContactEvent: eventTime")
                    .contains("is not epoch milliseconds");
        }

        @Test
        void aNegativeTimestampIsRejected() {
            QueueCallerJoinEvent e = join("sales");
            e.setTimestamp(-5.0);

            assertThat(rejected(mapper, e).reason())
                    .contains("Timestamp -5.0 is not epoch seconds");
        }

        @Test
        void aConnectWithoutHoldTimeOrInterfaceIsADeadLetter() {
            AgentConnectEvent noHold = connect();
            noHold.setHoldTime(null);
            AgentConnectEvent noAgent = connect();
            noAgent.setInterface(null);

            assertThat(rejected(mapper, noHold).reason())
                    .isEqualTo("AgentConnect: HoldTime is missing");
            assertThat(rejected(mapper, noAgent).reason())
                    .isEqualTo("AgentConnect: Interface is missing");
        }

        @Test
        void aMemberEventWithoutInterfaceIsADeadLetter() {
            QueueMemberAddedEvent e = stamped(new QueueMemberAddedEvent("test"));
            e.setQueue("sales");

            assertThat(rejected(mapper, e).reason())
                    .isEqualTo("QueueMemberAdded: Interface is missing");
        }
    }

    @Nested
    class IdsAndOtherEvents {
        @Test
        void theSameFrameAlwaysGetsTheSameIdAndAnotherFrameAnotherId() {
            String first = contact(connect()).eventId();
            String again = contact(connect()).eventId();
            AgentConnectEvent later = connect();
            later.setTimestamp(TS + 1);
            AgentConnectEvent otherServer = connect();

            assertThat(again).isEqualTo(first);
            assertThat(contact(later).eventId()).isNotEqualTo(first);
            MappingResult fromOtherPbx =
                    new AmiEventMapper("pbx2", true).map(otherServer, RECEIVED);
            assertThat(((MappingResult.Contact) fromOtherPbx).event().eventId())
                    .isNotEqualTo(first);
        }

        @Test
        void ringingTwoAgentsAtOnceGivesTwoIds() {
            AgentCalledEvent a = stamped(new AgentCalledEvent("test"));
            a.setQueue("sales");
            a.setUniqueId(CALLER);
            a.setInterface("PJSIP/1001");
            AgentCalledEvent b = stamped(new AgentCalledEvent("test"));
            b.setQueue("sales");
            b.setUniqueId(CALLER);
            b.setInterface("PJSIP/1002");

            assertThat(contact(a).eventId()).isNotEqualTo(contact(b).eventId());
        }

        @Test
        void otherAmiEventsAreIgnoredByName() {
            VarSetEvent e = stamped(new VarSetEvent("test"));

            MappingResult result = mapper.map(e, RECEIVED);

            assertThat(result)
                    .isEqualTo(new MappingResult.Ignored("VarSet", "not a queue or contact event"));
        }

        @Test
        void timestampsConvertWithoutBinaryFractionErrors() {
            assertThat(AmiTimestamps.toMillis(1_715_677_202.123)).isEqualTo(1_715_677_202_123L);
            assertThat(AmiTimestamps.toMillis(1_715_677_202.999999)).isEqualTo(1_715_677_202_999L);
            assertThat(AmiTimestamps.canonical(1_715_677_202.5)).isEqualTo("1715677202.500000");
        }
    }
}
