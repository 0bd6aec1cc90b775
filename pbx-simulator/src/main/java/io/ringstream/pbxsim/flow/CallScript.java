package io.ringstream.pbxsim.flow;

import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The AMI events of one queue call, step by step (join, offer, ring-no-answer, connect, complete,
 * abandon), so canned flows and the traffic simulator describe calls the same way. Steps take
 * absolute epoch microseconds; frames within a script get strictly increasing timestamps, as
 * Asterisk's do. A script lives until its call ends; it is not thread-safe.
 */
public final class CallScript {
    private final CallFlows flows;
    private final String queue;
    private final String callerIdNum;
    private final String channel;
    private final String uniqueid;
    private final List<AmiFrame> frames = new ArrayList<>();
    private long lastMicros;
    private long joinMicros = -1;
    private long connectMicros = -1;
    private Leg ringing;
    private Leg connected;

    /** The agent's channel for one offer. */
    private record Leg(Agent agent, String channel, String uniqueid, long offeredMicros) {}

    CallScript(
            CallFlows flows,
            String queue,
            String callerIdNum,
            String channel,
            String uniqueid,
            long arrivalMicros) {
        this.flows = flows;
        this.queue = queue;
        this.callerIdNum = callerIdNum;
        this.channel = channel;
        this.uniqueid = uniqueid;
        this.lastMicros = arrivalMicros - 1;
        add(
                event("Newchannel", arrivalMicros, "call,all")
                        .addAll(callerChannel(4, "Ring", "1").build().headers())
                        .build());
    }

    public String queue() {
        return queue;
    }

    /** The caller channel's Uniqueid, which is also its Linkedid: the contact id downstream. */
    public String uniqueid() {
        return uniqueid;
    }

    public String channel() {
        return channel;
    }

    /** The caller's number as the PBX shows it (CallerIDNum). */
    public String callerIdNum() {
        return callerIdNum;
    }

    public List<AmiFrame> frames() {
        return List.copyOf(frames);
    }

    /** QueueCallerJoin. */
    public CallScript join(long atMicros) {
        joinMicros = atMicros;
        add(
                queueEvent("QueueCallerJoin", atMicros)
                        .add("Queue", queue)
                        .add("Position", 1)
                        .add("Count", 1)
                        .build());
        return this;
    }

    /** The queue rings {@code agent}: the agent leg's Newchannel, AgentCalled, device RINGING. */
    public CallScript offer(long atMicros, Agent agent) {
        requireQueued();
        if (ringing != null) {
            throw new IllegalStateException("already ringing " + ringing.agent().iface());
        }
        Leg leg =
                new Leg(
                        agent,
                        flows.nextChannel(agent.iface()),
                        flows.nextUniqueid(atMicros),
                        atMicros);
        add(
                event("Newchannel", atMicros, "call,all")
                        .addAll(agentChannel(leg, "", 0, "Down").build().headers())
                        .build());
        add(
                queueEvent("AgentCalled", atMicros)
                        .addAll(agentChannel(leg, "Dest", 0, "Down").build().headers())
                        .add("Queue", queue)
                        .add("MemberName", agent.memberName())
                        .add("Interface", agent.iface())
                        .build());
        addAll(flows.memberStatus(next(atMicros), agent, DeviceState.RINGING));
        ringing = leg;
        return this;
    }

    /** The ringing agent did not answer in time: AgentRingNoAnswer, the leg hangs up. */
    public CallScript ringNoAnswer(long atMicros) {
        Leg leg = requireRinging();
        add(
                queueEvent("AgentRingNoAnswer", atMicros)
                        .addAll(agentChannel(leg, "Dest", 5, "Ringing").build().headers())
                        .add("Queue", queue)
                        .add("MemberName", leg.agent().memberName())
                        .add("Interface", leg.agent().iface())
                        .add("RingTime", (atMicros - leg.offeredMicros()) / 1_000L)
                        .build());
        add(hangup(atMicros, agentChannel(leg, "", 5, "Ringing"), 19, "User alerting, no answer"));
        addAll(flows.memberStatus(next(atMicros), leg.agent(), DeviceState.NOT_INUSE));
        ringing = null;
        return this;
    }

    /**
     * The ringing agent answers. app_queue drops the caller from the queue first (QueueCallerLeave)
     * and then publishes AgentConnect with HoldTime in whole seconds and RingTime in ms.
     */
    public CallScript connect(long atMicros) {
        Leg leg = requireRinging();
        add(
                queueEvent("QueueCallerLeave", atMicros)
                        .add("Queue", queue)
                        .add("Count", 0)
                        .add("Position", 1)
                        .build());
        add(
                queueEvent("AgentConnect", atMicros)
                        .addAll(agentChannel(leg, "Dest", 6, "Up").build().headers())
                        .add("Queue", queue)
                        .add("MemberName", leg.agent().memberName())
                        .add("Interface", leg.agent().iface())
                        .add("HoldTime", (atMicros - joinMicros) / 1_000_000L)
                        .add("RingTime", (atMicros - leg.offeredMicros()) / 1_000L)
                        .build());
        addAll(flows.memberStatus(next(atMicros), leg.agent(), DeviceState.INUSE));
        connected = leg;
        connectMicros = atMicros;
        ringing = null;
        return this;
    }

    /**
     * The conversation ends: AgentComplete (HoldTime, TalkTime in seconds, Reason {@code caller},
     * {@code agent} or {@code transfer}), both channels hang up, the agent's device is free.
     */
    public CallScript complete(long atMicros, String reason) {
        if (connected == null) {
            throw new IllegalStateException("not connected");
        }
        Leg leg = connected;
        add(
                queueEvent("AgentComplete", atMicros)
                        .addAll(agentChannel(leg, "Dest", 6, "Up").build().headers())
                        .add("Queue", queue)
                        .add("MemberName", leg.agent().memberName())
                        .add("Interface", leg.agent().iface())
                        .add("HoldTime", (connectMicros - joinMicros) / 1_000_000L)
                        .add("TalkTime", (atMicros - connectMicros) / 1_000_000L)
                        .add("Reason", reason)
                        .build());
        AmiFrame callerHangup =
                hangup(atMicros, callerChannel(6, "Up", "3"), 16, "Normal Clearing");
        AmiFrame agentHangup =
                hangup(atMicros, agentChannel(leg, "", 6, "Up"), 16, "Normal Clearing");
        if ("agent".equals(reason)) {
            add(agentHangup);
            add(callerHangup);
        } else {
            add(callerHangup);
            add(agentHangup);
        }
        flows.callCompleted(leg.agent(), atMicros);
        addAll(flows.memberStatus(next(atMicros), leg.agent(), DeviceState.NOT_INUSE));
        connected = null;
        return this;
    }

    /**
     * The caller hangs up while queued: QueueCallerAbandon (HoldTime seconds), QueueCallerLeave,
     * Hangup; a ringing agent leg is cancelled first.
     */
    public CallScript abandon(long atMicros) {
        requireQueued();
        if (ringing != null) {
            add(
                    hangup(
                            atMicros,
                            agentChannel(ringing, "", 5, "Ringing"),
                            26,
                            "Answered elsewhere"));
            addAll(flows.memberStatus(next(atMicros), ringing.agent(), DeviceState.NOT_INUSE));
            ringing = null;
        }
        add(
                queueEvent("QueueCallerAbandon", atMicros)
                        .add("Queue", queue)
                        .add("Position", 1)
                        .add("OriginalPosition", 1)
                        .add("HoldTime", (atMicros - joinMicros) / 1_000_000L)
                        .build());
        add(
                queueEvent("QueueCallerLeave", atMicros)
                        .add("Queue", queue)
                        .add("Count", 0)
                        .add("Position", 1)
                        .build());
        add(hangup(atMicros, callerChannel(6, "Up", "3"), 16, "Normal Clearing"));
        return this;
    }

    private void requireQueued() {
        if (joinMicros < 0) {
            throw new IllegalStateException("the call has not joined a queue");
        }
    }

    private Leg requireRinging() {
        if (ringing == null) {
            throw new IllegalStateException("no agent is ringing");
        }
        return ringing;
    }

    private AmiFrame.Builder queueEvent(String name, long atMicros) {
        return event(name, atMicros, "agent,all")
                .addAll(callerChannel(6, "Up", "3").build().headers());
    }

    private AmiFrame.Builder event(String name, long atMicros, String privilege) {
        return AmiFrame.event(name)
                .add("Privilege", privilege)
                .add("Timestamp", AmiTime.format(next(atMicros)));
    }

    private AmiFrame hangup(long atMicros, AmiFrame.Builder channelFields, int cause, String text) {
        return event("Hangup", atMicros, "call,all")
                .addAll(channelFields.build().headers())
                .add("Cause", cause)
                .add("Cause-txt", text)
                .build();
    }

    private AmiFrame.Builder callerChannel(int state, String stateDesc, String priority) {
        return AmiFrame.builder()
                .add("Channel", channel)
                .add("ChannelState", state)
                .add("ChannelStateDesc", stateDesc)
                .add("CallerIDNum", callerIdNum)
                .add("CallerIDName", "<unknown>")
                .add("ConnectedLineNum", "<unknown>")
                .add("ConnectedLineName", "<unknown>")
                .add("Language", "en")
                .add("AccountCode", "")
                .add("Context", "from-trunk")
                .add("Exten", flows.dialledNumber())
                .add("Priority", priority)
                .add("Uniqueid", uniqueid)
                .add("Linkedid", uniqueid);
    }

    /** The agent leg's snapshot, plain or with AgentCalled's {@code Dest} prefix. */
    private AmiFrame.Builder agentChannel(Leg leg, String prefix, int state, String stateDesc) {
        String exten = leg.agent().iface().substring(leg.agent().iface().indexOf('/') + 1);
        return AmiFrame.builder()
                .add(prefix + "Channel", leg.channel())
                .add(prefix + "ChannelState", state)
                .add(prefix + "ChannelStateDesc", stateDesc)
                .add(prefix + "CallerIDNum", exten)
                .add(prefix + "CallerIDName", leg.agent().memberName())
                .add(prefix + "ConnectedLineNum", callerIdNum)
                .add(prefix + "ConnectedLineName", "<unknown>")
                .add(prefix + "Language", "en")
                .add(prefix + "AccountCode", "")
                .add(prefix + "Context", "from-queue")
                .add(prefix + "Exten", exten)
                .add(prefix + "Priority", "1")
                .add(prefix + "Uniqueid", leg.uniqueid())
                .add(prefix + "Linkedid", uniqueid);
    }

    /** The next timestamp: as asked, but never before or equal to the previous frame's. */
    private long next(long atMicros) {
        lastMicros = Math.max(atMicros, lastMicros + 1);
        return lastMicros;
    }

    private void add(AmiFrame frame) {
        frames.add(frame);
    }

    private void addAll(List<AmiFrame> more) {
        for (AmiFrame frame : more) {
            frames.add(frame);
            lastMicros = Math.max(lastMicros, AmiTime.parseMicros(frame.get("Timestamp")));
        }
    }
}
