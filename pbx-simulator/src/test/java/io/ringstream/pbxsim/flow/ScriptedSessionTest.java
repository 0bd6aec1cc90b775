package io.ringstream.pbxsim.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEventType;
import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiTime;
import io.ringstream.pbxsim.flow.ScriptedSession.Outcome;
import io.ringstream.pbxsim.flow.ScriptedSession.QueueExpectation;
import io.ringstream.pbxsim.flow.ScriptedSession.ScriptedCall;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The hand-written expectations must agree with the frames the script really generates. */
class ScriptedSessionTest {
    private final ScriptedSession session = ScriptedSession.create();
    private final List<AmiFrame> frames = session.frames();

    private int count(String event, Predicate<AmiFrame> filter) {
        return (int)
                frames.stream().filter(f -> event.equals(f.eventName())).filter(filter).count();
    }

    private int count(String event, String queue) {
        return count(event, f -> queue.equals(f.get("Queue")));
    }

    private static boolean callerLeg(AmiFrame f) {
        return f.get("Uniqueid").equals(f.get("Linkedid"));
    }

    @Test
    void perQueueOutcomesMatchTheFrames() {
        for (QueueExpectation e : ScriptedSession.expectedPerQueue().values()) {
            String q = e.queue();
            assertThat(count("QueueCallerJoin", q)).as(q + " offered").isEqualTo(e.offered());
            assertThat(count("AgentConnect", q)).as(q + " answered").isEqualTo(e.answered());
            assertThat(count("QueueCallerAbandon", q))
                    .as(q + " abandoned")
                    .isEqualTo(e.abandoned());
            assertThat(
                            count(
                                    "AgentConnect",
                                    f ->
                                            q.equals(f.get("Queue"))
                                                    && Integer.parseInt(f.get("HoldTime"))
                                                            <= ScriptedSession
                                                                    .SERVICE_LEVEL_SECONDS))
                    .as(q + " within service level")
                    .isEqualTo(e.answeredWithinServiceLevel());
            assertThat(count("AgentCalled", q)).as(q + " rings").isEqualTo(e.agentOffers());
            assertThat(count("AgentRingNoAnswer", q)).isEqualTo(e.ringNoAnswer());
        }
    }

    @Test
    void expectedContactEventsMatchTheFrames() {
        var expected = ScriptedSession.expectedContactEvents();
        for (String q : List.of(ScriptedSession.SALES, ScriptedSession.SUPPORT)) {
            var e = expected.get(q);
            assertThat(count("QueueCallerJoin", q)).isEqualTo(e.get(ContactEventType.QUEUED));
            assertThat(count("AgentCalled", q)).isEqualTo(e.get(ContactEventType.OFFERED));
            assertThat(count("AgentRingNoAnswer", q))
                    .isEqualTo(e.get(ContactEventType.OFFER_TIMED_OUT));
            assertThat(count("AgentConnect", q)).isEqualTo(e.get(ContactEventType.ANSWERED));
            assertThat(count("AgentComplete", q)).isEqualTo(e.get(ContactEventType.TALK_ENDED));
            assertThat(count("QueueCallerAbandon", q)).isEqualTo(e.get(ContactEventType.ABANDONED));
            assertThat(count("QueueCallerLeave", q)).isEqualTo(e.get(ContactEventType.DEQUEUED));
        }
        var none = expected.get(ScriptedSession.NO_QUEUE);
        assertThat(count("Newchannel", ScriptedSessionTest::callerLeg))
                .isEqualTo(none.get(ContactEventType.ARRIVED));
        assertThat(count("Hangup", ScriptedSessionTest::callerLeg))
                .isEqualTo(none.get(ContactEventType.ENDED));
        // Agent legs exist too, and the bridge must skip them.
        assertThat(count("Newchannel", f -> !callerLeg(f))).isEqualTo(11);
    }

    @Test
    void expectedAgentEventsMatchTheMemberFrames() {
        var expected = ScriptedSession.expectedAgentEvents();
        int busy =
                count(
                        "QueueMemberStatus",
                        f -> f.get("Status").equals("6") || f.get("Status").equals("2"));
        int readyByStatus =
                count(
                        "QueueMemberStatus",
                        f -> f.get("Status").equals("1") && f.get("Paused").equals("0"));
        int unpauses = count("QueueMemberPause", f -> f.get("Paused").equals("0"));
        int pauses = count("QueueMemberPause", f -> f.get("Paused").equals("1"));

        assertThat(count("QueueMemberAdded", f -> true))
                .isEqualTo(expected.get(AgentEventType.LOGGED_IN));
        assertThat(count("QueueMemberRemoved", f -> true))
                .isEqualTo(expected.get(AgentEventType.LOGGED_OUT));
        assertThat(busy).isEqualTo(expected.get(AgentEventType.BUSY));
        assertThat(readyByStatus + unpauses).isEqualTo(expected.get(AgentEventType.READY));
        assertThat(pauses).isEqualTo(expected.get(AgentEventType.NOT_READY));
        assertThat(count("QueueMemberStatus", f -> f.get("Paused").equals("1"))).isZero();
    }

    @Test
    void callsMatchTheirFrames() {
        assertThat(session.calls()).hasSize(10);
        for (ScriptedCall call : session.calls()) {
            assertThat(count("QueueCallerJoin", f -> call.contactId().equals(f.get("Uniqueid"))))
                    .isEqualTo(1);
            if (call.outcome() == Outcome.ANSWERED) {
                AmiFrame connect =
                        frames.stream()
                                .filter(f -> "AgentConnect".equals(f.eventName()))
                                .filter(f -> call.contactId().equals(f.get("Uniqueid")))
                                .findFirst()
                                .orElseThrow();
                assertThat(connect.get("HoldTime")).isEqualTo(Integer.toString(call.waitSeconds()));
                assertThat(connect.get("Interface")).isEqualTo(call.answeredBy());
            } else {
                AmiFrame abandon =
                        frames.stream()
                                .filter(f -> "QueueCallerAbandon".equals(f.eventName()))
                                .filter(f -> call.contactId().equals(f.get("Uniqueid")))
                                .findFirst()
                                .orElseThrow();
                assertThat(abandon.get("HoldTime")).isEqualTo(Integer.toString(call.waitSeconds()));
            }
        }
    }

    @Test
    void framesAreInTimestampOrderAndOverlappingCallersQueueBehindEachOther() {
        long previous = 0;
        for (AmiFrame f : frames) {
            long t = AmiTime.parseMicros(f.get("Timestamp"));
            assertThat(t).isGreaterThanOrEqualTo(previous);
            previous = t;
        }
        String p4 = session.calls().get(9).contactId();
        AmiFrame p4Join =
                frames.stream()
                        .filter(f -> "QueueCallerJoin".equals(f.eventName()))
                        .filter(f -> p4.equals(f.get("Uniqueid")))
                        .findFirst()
                        .orElseThrow();
        assertThat(p4Join.get("Position")).isEqualTo("2");
    }

    @Test
    void theSameStartGivesTheSameFrames() {
        assertThat(ScriptedSession.create().frames()).isEqualTo(frames);
    }
}
