package io.ringstream.pbxsim.flow;

import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the AMI events Asterisk 18+ ({@code app_queue}, {@code timestampevents=yes}) emits for
 * queue calls and queue members, so tests and the simulator feed the bridge the real field names
 * and orders. It owns channel-name and Uniqueid counters and each member's counters (CallsTaken,
 * LastCall, Paused), which live as long as this object: use one instance per simulated PBX.
 *
 * <p>Times are epoch microseconds; each frame carries {@code Timestamp}. Queue {@code Position} and
 * {@code Count} are written as 1 by the scripts; {@link QueueTracker} fixes them on a merged
 * timeline.
 */
public final class CallFlows {
    /** Seconds between a call's arrival and its joining the queue (greeting / IVR). */
    public static final int IVR_SECONDS = 2;

    private final String trunk;
    private final String dialledNumber;
    private int channelSeq;
    private int uniqueSeq;
    private final Map<String, MemberState> members = new HashMap<>();

    /** Calls arrive on {@code PJSIP/trunk} dialling 800. */
    public CallFlows() {
        this("PJSIP/trunk", "800");
    }

    public CallFlows(String trunk, String dialledNumber) {
        this.trunk = trunk;
        this.dialledNumber = dialledNumber;
    }

    /** Starts a call: the caller's Newchannel at {@code arrivalMicros}. */
    public CallScript call(String queue, String callerIdNum, long arrivalMicros) {
        String channel = nextChannel(trunk);
        String uniqueid = nextUniqueid(arrivalMicros);
        return new CallScript(this, queue, callerIdNum, channel, uniqueid, arrivalMicros);
    }

    /**
     * A call answered by {@code agent} after {@code waitSeconds} in queue (ringing the last few).
     */
    public CallScript answered(
            String queue,
            String callerIdNum,
            long arrivalMicros,
            Agent agent,
            int waitSeconds,
            int ringSeconds,
            int talkSeconds,
            String completeReason) {
        long join = arrivalMicros + seconds(IVR_SECONDS);
        long connect = join + seconds(waitSeconds);
        return call(queue, callerIdNum, arrivalMicros)
                .join(join)
                .offer(connect - seconds(ringSeconds), agent)
                .connect(connect)
                .complete(connect + seconds(talkSeconds), completeReason);
    }

    /** A caller who hangs up after {@code waitSeconds} in queue without being offered. */
    public CallScript abandoned(
            String queue, String callerIdNum, long arrivalMicros, int waitSeconds) {
        long join = arrivalMicros + seconds(IVR_SECONDS);
        return call(queue, callerIdNum, arrivalMicros)
                .join(join)
                .abandon(join + seconds(waitSeconds));
    }

    /**
     * The first agent rings out ({@code AgentRingNoAnswer}), the second answers; the caller waited
     * {@code waitSeconds} in queue in total.
     */
    public CallScript ringNoAnswerThenAnswered(
            String queue,
            String callerIdNum,
            long arrivalMicros,
            Agent first,
            int firstRingSeconds,
            Agent second,
            int waitSeconds,
            int secondRingSeconds,
            int talkSeconds) {
        long join = arrivalMicros + seconds(IVR_SECONDS);
        long firstOffer = join + seconds(1);
        long connect = join + seconds(waitSeconds);
        long secondOffer = connect - seconds(secondRingSeconds);
        if (secondOffer <= firstOffer + seconds(firstRingSeconds)) {
            throw new IllegalArgumentException(
                    "the second ring must start after the first rang out: raise waitSeconds");
        }
        return call(queue, callerIdNum, arrivalMicros)
                .join(join)
                .offer(firstOffer, first)
                .ringNoAnswer(firstOffer + seconds(firstRingSeconds))
                .offer(secondOffer, second)
                .connect(connect)
                .complete(connect + seconds(talkSeconds), "caller");
    }

    /** QueueMemberAdded: the agent logs in to {@code queue}, paused or not. */
    public AmiFrame memberAdded(
            long atMicros, String queue, Agent agent, boolean paused, String pausedReason) {
        MemberState m = member(queue, agent);
        m.loginTime = atMicros / 1_000_000L;
        m.paused = paused;
        m.pausedReason = paused ? pausedReason : "";
        m.status = DeviceState.NOT_INUSE;
        return memberFrame("QueueMemberAdded", atMicros, queue, agent, m);
    }

    /** QueueMemberRemoved: the agent logs out of {@code queue}. */
    public AmiFrame memberRemoved(long atMicros, String queue, Agent agent) {
        MemberState m = member(queue, agent);
        AmiFrame frame = memberFrame("QueueMemberRemoved", atMicros, queue, agent, m);
        members.remove(queue + "|" + agent.iface());
        return frame;
    }

    /** QueueMemberPause: paused with a reason, or unpaused. */
    public AmiFrame memberPause(
            long atMicros, String queue, Agent agent, boolean paused, String reason) {
        MemberState m = member(queue, agent);
        m.paused = paused;
        m.pausedReason = paused ? reason : "";
        if (paused) {
            m.lastPause = atMicros / 1_000_000L;
        }
        return memberFrame("QueueMemberPause", atMicros, queue, agent, m);
    }

    /** QueueMemberStatus for each queue of the agent: its device changed state. */
    public List<AmiFrame> memberStatus(long atMicros, Agent agent, DeviceState state) {
        List<AmiFrame> frames = new ArrayList<>();
        for (String queue : agent.queues()) {
            MemberState m = member(queue, agent);
            m.status = state;
            m.inCall = state == DeviceState.INUSE || state == DeviceState.ONHOLD;
            frames.add(memberFrame("QueueMemberStatus", atMicros + frames.size(), queue, agent, m));
        }
        return frames;
    }

    void callCompleted(Agent agent, long atMicros) {
        for (String queue : agent.queues()) {
            MemberState m = member(queue, agent);
            m.callsTaken++;
            m.lastCall = atMicros / 1_000_000L;
        }
    }

    String nextChannel(String iface) {
        return iface + "-" + String.format("%08x", ++channelSeq);
    }

    /** Asterisk's Uniqueid: creation epoch seconds, a dot, a global sequence. */
    String nextUniqueid(long atMicros) {
        return (atMicros / 1_000_000L) + "." + (++uniqueSeq);
    }

    String dialledNumber() {
        return dialledNumber;
    }

    static long seconds(long s) {
        return s * 1_000_000L;
    }

    private MemberState member(String queue, Agent agent) {
        return members.computeIfAbsent(queue + "|" + agent.iface(), k -> new MemberState());
    }

    private static AmiFrame memberFrame(
            String event, long atMicros, String queue, Agent agent, MemberState m) {
        return AmiFrame.event(event)
                .add("Privilege", "agent,all")
                .add("Timestamp", AmiTime.format(atMicros))
                .add("Queue", queue)
                .add("MemberName", agent.memberName())
                .add("Interface", agent.iface())
                .add("StateInterface", agent.iface())
                .add("Membership", "dynamic")
                .add("Penalty", 0)
                .add("CallsTaken", m.callsTaken)
                .add("LastCall", m.lastCall)
                .add("LastPause", m.lastPause)
                .add("LoginTime", m.loginTime)
                .add("InCall", m.inCall ? 1 : 0)
                .add("Status", m.status.code())
                .add("Paused", m.paused ? 1 : 0)
                .add("PausedReason", m.pausedReason)
                .add("Ringinuse", 0)
                .add("Wrapuptime", 0)
                .build();
    }

    /** What app_queue remembers about one member of one queue. */
    private static final class MemberState {
        int callsTaken;
        long lastCall;
        long lastPause;
        long loginTime;
        boolean inCall;
        boolean paused;
        String pausedReason = "";
        DeviceState status = DeviceState.NOT_INUSE;
    }
}
