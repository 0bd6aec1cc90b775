package io.ringstream.pbxsim.flow;

import io.ringstream.events.AgentEventType;
import io.ringstream.events.ContactEventType;
import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiServer;
import io.ringstream.pbxsim.ami.AmiTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Ten calls across two queues with hand-counted outcomes, so end-to-end tests can assert exact
 * numbers (per queue: offered, answered, abandoned, answered within 20 s) instead of "some events
 * arrived". The expected values below are written out by hand, not derived from the script; {@code
 * ScriptedSessionTest} checks the generated frames agree with them.
 *
 * <pre>
 * queue    call  flow                                  wait  agent(s)
 * sales    S1    answered fast                          5 s  Alice
 * sales    S2    answered fast, agent hangs up         12 s  Bob
 * sales    S3    answered late (Carol was in a meeting) 35 s  Carol
 * sales    S4    abandoned (all busy)                  25 s  -
 * sales    S5    Alice rings out, Carol answers late   28 s  Alice, Carol
 * sales    S6    answered fast                          8 s  Alice
 * support  P1    answered fast                          3 s  Dave
 * support  P2    abandoned while Erin rings             8 s  (Erin)
 * support  P3    Erin rings out, Dave answers          18 s  Erin, Dave
 * support  P4    answered late (Erin auto-paused)      45 s  Erin
 * </pre>
 *
 * Members: Alice, Bob, Carol (logs in paused "Meeting", unpaused at +60 s) in sales; Dave, Erin in
 * support; Erin is auto-paused after her ring-no-answer, unpaused at +230 s and logs out at +400 s.
 */
public final class ScriptedSession {
    public static final String SALES = "sales";
    public static final String SUPPORT = "support";

    /** Bucket for contact events that carry no queue (ARRIVED, ENDED). */
    public static final String NO_QUEUE = "";

    public static final int SERVICE_LEVEL_SECONDS = 20;
    public static final Instant DEFAULT_START = Instant.parse("2024-05-14T09:00:00Z");

    public static final Agent ALICE = Agent.of("PJSIP/1001", "Alice", SALES);
    public static final Agent BOB = Agent.of("PJSIP/1002", "Bob", SALES);
    public static final Agent CAROL = Agent.of("PJSIP/1003", "Carol", SALES);
    public static final Agent DAVE = Agent.of("PJSIP/2001", "Dave", SUPPORT);
    public static final Agent ERIN = Agent.of("PJSIP/2002", "Erin", SUPPORT);

    /** How a scripted call ended. */
    public enum Outcome {
        ANSWERED,
        ABANDONED
    }

    /**
     * One scripted call.
     *
     * @param contactId the caller channel's Uniqueid (= Linkedid)
     * @param waitSeconds time in queue until answered or abandoned
     * @param answeredBy the answering agent's interface, null when abandoned
     */
    public record ScriptedCall(
            String name,
            String queue,
            String contactId,
            Outcome outcome,
            int waitSeconds,
            String answeredBy) {}

    /**
     * Per-queue outcomes.
     *
     * @param offered calls that joined the queue
     * @param answeredWithinServiceLevel answered with HoldTime at most 20 s
     * @param agentOffers AgentCalled events (rings), including rings that were not answered
     */
    public record QueueExpectation(
            String queue,
            int offered,
            int answered,
            int abandoned,
            int answeredWithinServiceLevel,
            int agentOffers,
            int ringNoAnswer) {}

    private final List<AmiFrame> frames;
    private final List<ScriptedCall> calls;

    private ScriptedSession(List<AmiFrame> frames, List<ScriptedCall> calls) {
        this.frames = List.copyOf(frames);
        this.calls = List.copyOf(calls);
    }

    public static ScriptedSession create() {
        return create(DEFAULT_START);
    }

    /** The session with its first event at {@code start}; it spans 400 s of event time. */
    public static ScriptedSession create(Instant start) {
        long t0 = AmiTime.micros(start);
        CallFlows flows = new CallFlows();
        List<List<AmiFrame>> scripts = new ArrayList<>();
        List<ScriptedCall> calls = new ArrayList<>();

        // Generated in event-time order where member state matters (pauses before the calls that
        // see them), because CallFlows carries each member's Paused flag into later frames.
        scripts.add(
                List.of(
                        flows.memberAdded(t0, SALES, ALICE, false, null),
                        flows.memberAdded(t0 + 1, SALES, BOB, false, null),
                        flows.memberAdded(t0 + 2, SALES, CAROL, true, "Meeting"),
                        flows.memberAdded(t0 + 3, SUPPORT, DAVE, false, null),
                        flows.memberAdded(t0 + 4, SUPPORT, ERIN, false, null),
                        flows.memberPause(at(t0, 60), SALES, CAROL, false, null)));

        CallScript s1 =
                flows.answered(SALES, "+15550100001", at(t0, 10), ALICE, 5, 4, 120, "caller");
        CallScript s2 = flows.answered(SALES, "+15550100002", at(t0, 20), BOB, 12, 5, 200, "agent");
        CallScript s3 =
                flows.answered(SALES, "+15550100003", at(t0, 30), CAROL, 35, 6, 90, "caller");
        CallScript s4 = flows.abandoned(SALES, "+15550100004", at(t0, 40), 25);
        CallScript s5 =
                flows.ringNoAnswerThenAnswered(
                        SALES, "+15550100005", at(t0, 150), ALICE, 15, CAROL, 28, 5, 60);
        CallScript s6 =
                flows.answered(SALES, "+15550100006", at(t0, 200), ALICE, 8, 3, 45, "caller");
        CallScript p1 =
                flows.answered(SUPPORT, "+15550200001", at(t0, 15), DAVE, 3, 2, 150, "caller");
        CallScript p2 =
                flows.call(SUPPORT, "+15550200002", at(t0, 25))
                        .join(at(t0, 27))
                        .offer(at(t0, 30), ERIN)
                        .abandon(at(t0, 35));
        CallScript p3 =
                flows.ringNoAnswerThenAnswered(
                        SUPPORT, "+15550200003", at(t0, 180), ERIN, 12, DAVE, 18, 4, 100);
        AmiFrame erinAutoPause =
                flows.memberPause(at(t0, 195) + 500_000, SUPPORT, ERIN, true, "Auto-Pause");
        AmiFrame erinBack = flows.memberPause(at(t0, 230), SUPPORT, ERIN, false, null);
        CallScript p4 =
                flows.answered(SUPPORT, "+15550200004", at(t0, 190), ERIN, 45, 6, 70, "caller");
        AmiFrame erinOut = flows.memberRemoved(at(t0, 400), SUPPORT, ERIN);

        for (CallScript s : List.of(s1, s2, s3, s4, s5, s6, p1, p2, p3, p4)) {
            scripts.add(s.frames());
        }
        scripts.add(List.of(erinAutoPause, erinBack, erinOut));

        calls.add(answered("S1", s1, 5, ALICE));
        calls.add(answered("S2", s2, 12, BOB));
        calls.add(answered("S3", s3, 35, CAROL));
        calls.add(new ScriptedCall("S4", SALES, s4.uniqueid(), Outcome.ABANDONED, 25, null));
        calls.add(answered("S5", s5, 28, CAROL));
        calls.add(answered("S6", s6, 8, ALICE));
        calls.add(answered("P1", p1, 3, DAVE));
        calls.add(new ScriptedCall("P2", SUPPORT, p2.uniqueid(), Outcome.ABANDONED, 8, null));
        calls.add(answered("P3", p3, 18, DAVE));
        calls.add(answered("P4", p4, 45, ERIN));
        return new ScriptedSession(Timeline.merge(scripts), calls);
    }

    /** Every AMI event of the session, in emission order. */
    public List<AmiFrame> frames() {
        return frames;
    }

    public List<ScriptedCall> calls() {
        return calls;
    }

    /** Emits every frame, as fast as the sockets take them. */
    public void playInto(AmiServer server) {
        frames.forEach(server::emit);
    }

    /** Outcomes per queue, counted by hand from the table above. */
    public static Map<String, QueueExpectation> expectedPerQueue() {
        return Map.of(
                SALES, new QueueExpectation(SALES, 6, 5, 1, 3, 6, 1),
                SUPPORT, new QueueExpectation(SUPPORT, 4, 3, 1, 2, 5, 1));
    }

    /**
     * The contact events a correct bridge publishes, per queue ({@link #NO_QUEUE} for ARRIVED and
     * ENDED, which AMI's Newchannel and Hangup do not tie to a queue) and type.
     */
    public static Map<String, Map<ContactEventType, Integer>> expectedContactEvents() {
        return Map.of(
                SALES,
                        counts(
                                ContactEventType.QUEUED, 6,
                                ContactEventType.OFFERED, 6,
                                ContactEventType.OFFER_TIMED_OUT, 1,
                                ContactEventType.ANSWERED, 5,
                                ContactEventType.TALK_ENDED, 5,
                                ContactEventType.ABANDONED, 1,
                                ContactEventType.DEQUEUED, 6),
                SUPPORT,
                        counts(
                                ContactEventType.QUEUED, 4,
                                ContactEventType.OFFERED, 5,
                                ContactEventType.OFFER_TIMED_OUT, 1,
                                ContactEventType.ANSWERED, 3,
                                ContactEventType.TALK_ENDED, 3,
                                ContactEventType.ABANDONED, 1,
                                ContactEventType.DEQUEUED, 4),
                NO_QUEUE, counts(ContactEventType.ARRIVED, 10, ContactEventType.ENDED, 10));
    }

    /**
     * The agent events a bridge publishes with the documented QueueMemberStatus table (RINGING and
     * INUSE are BUSY, NOT_INUSE is READY): 5 logins, 1 logout, 19 busy (11 rings + 8 connects), 13
     * ready (8 completes + 2 ring-outs + 1 cancelled ring + 2 unpauses), 1 not-ready.
     */
    public static Map<AgentEventType, Integer> expectedAgentEvents() {
        Map<AgentEventType, Integer> m = new EnumMap<>(AgentEventType.class);
        m.put(AgentEventType.LOGGED_IN, 5);
        m.put(AgentEventType.LOGGED_OUT, 1);
        m.put(AgentEventType.BUSY, 19);
        m.put(AgentEventType.READY, 13);
        m.put(AgentEventType.NOT_READY, 1);
        return Collections.unmodifiableMap(m);
    }

    private static ScriptedCall answered(String name, CallScript s, int wait, Agent agent) {
        return new ScriptedCall(
                name, s.queue(), s.uniqueid(), Outcome.ANSWERED, wait, agent.iface());
    }

    private static long at(long t0, int seconds) {
        return t0 + seconds * 1_000_000L;
    }

    private static Map<ContactEventType, Integer> counts(Object... typeThenCount) {
        Map<ContactEventType, Integer> m = new EnumMap<>(ContactEventType.class);
        for (int i = 0; i < typeThenCount.length; i += 2) {
            m.put((ContactEventType) typeThenCount[i], (Integer) typeThenCount[i + 1]);
        }
        return Map.copyOf(m);
    }
}
