package io.ringstream.pbxsim.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.pbxsim.ami.AmiFrame;
import io.ringstream.pbxsim.ami.AmiTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Call flows carry app_queue's event order, fields and timings, which the bridge's mapping relies
 * on.
 */
class CallFlowsTest {
    private static final long T0 = 1_715_677_200_000_000L;
    private final CallFlows flows = new CallFlows();
    private final Agent alice = Agent.of("PJSIP/1001", "Alice", "sales");
    private final Agent bob = Agent.of("PJSIP/1002", "Bob", "sales");

    private static List<String> names(List<AmiFrame> frames) {
        return frames.stream().map(AmiFrame::eventName).toList();
    }

    private static AmiFrame first(List<AmiFrame> frames, String event) {
        return frames.stream().filter(f -> event.equals(f.eventName())).findFirst().orElseThrow();
    }

    @Test
    void anAnsweredCallFollowsAppQueueOrder() {
        List<AmiFrame> frames =
                flows.answered("sales", "+15550001", T0, alice, 5, 3, 120, "caller").frames();

        assertThat(names(frames))
                .containsExactly(
                        "Newchannel",
                        "QueueCallerJoin",
                        "Newchannel",
                        "AgentCalled",
                        "QueueMemberStatus",
                        "QueueCallerLeave",
                        "AgentConnect",
                        "QueueMemberStatus",
                        "AgentComplete",
                        "Hangup",
                        "Hangup",
                        "QueueMemberStatus");
        AmiFrame connect = first(frames, "AgentConnect");
        assertThat(connect.get("HoldTime")).isEqualTo("5");
        assertThat(connect.get("RingTime")).isEqualTo("3000");
        assertThat(connect.get("Interface")).isEqualTo("PJSIP/1001");
        assertThat(connect.get("MemberName")).isEqualTo("Alice");
        AmiFrame complete = first(frames, "AgentComplete");
        assertThat(complete.get("TalkTime")).isEqualTo("120");
        assertThat(complete.get("HoldTime")).isEqualTo("5");
        assertThat(complete.get("Reason")).isEqualTo("caller");
    }

    @Test
    void everyFrameIsTimestampedAndStrictlyOrdered() {
        List<AmiFrame> frames =
                flows.answered("sales", "+15550001", T0, alice, 5, 3, 120, "caller").frames();

        long previous = 0;
        for (AmiFrame f : frames) {
            assertThat(f.get("Timestamp")).matches("\\d{10}\\.\\d{6}");
            long t = AmiTime.parseMicros(f.get("Timestamp"));
            assertThat(t).isGreaterThan(previous);
            previous = t;
        }
        assertThat(AmiTime.parseMicros(frames.get(0).get("Timestamp"))).isEqualTo(T0);
        assertThat(AmiTime.parseMicros(first(frames, "AgentConnect").get("Timestamp")))
                .isBetween(T0 + 7_000_000, T0 + 7_000_010);
    }

    @Test
    void theCallerChannelIsLinkedToItselfAndAgentLegsToTheCaller() {
        CallScript call = flows.answered("sales", "+15550001", T0, alice, 5, 3, 120, "agent");
        List<AmiFrame> newChannels =
                call.frames().stream().filter(f -> "Newchannel".equals(f.eventName())).toList();

        assertThat(newChannels.get(0).get("Uniqueid")).isEqualTo(call.uniqueid());
        assertThat(newChannels.get(0).get("Linkedid")).isEqualTo(call.uniqueid());
        assertThat(newChannels.get(1).get("Uniqueid")).isNotEqualTo(call.uniqueid());
        assertThat(newChannels.get(1).get("Linkedid")).isEqualTo(call.uniqueid());
        assertThat(newChannels.get(1).get("Channel")).startsWith("PJSIP/1001-");
        AmiFrame called = first(call.frames(), "AgentCalled");
        assertThat(called.get("DestLinkedid")).isEqualTo(call.uniqueid());
        assertThat(called.get("DestUniqueid")).isEqualTo(newChannels.get(1).get("Uniqueid"));
        // The agent hung up first.
        List<AmiFrame> hangups =
                call.frames().stream().filter(f -> "Hangup".equals(f.eventName())).toList();
        assertThat(hangups.get(0).get("Uniqueid")).isNotEqualTo(call.uniqueid());
        assertThat(hangups.get(1).get("Cause-txt")).isEqualTo("Normal Clearing");
    }

    @Test
    void anAbandonedCallReportsItsHoldTime() {
        List<AmiFrame> frames = flows.abandoned("sales", "+15550002", T0, 25).frames();

        assertThat(names(frames))
                .containsExactly(
                        "Newchannel",
                        "QueueCallerJoin",
                        "QueueCallerAbandon",
                        "QueueCallerLeave",
                        "Hangup");
        assertThat(first(frames, "QueueCallerAbandon").get("HoldTime")).isEqualTo("25");
    }

    @Test
    void aRingNoAnswerIsFollowedByTheSecondAgent() {
        List<AmiFrame> frames =
                flows.ringNoAnswerThenAnswered("sales", "+15550003", T0, alice, 15, bob, 28, 5, 60)
                        .frames();

        List<AmiFrame> called =
                frames.stream().filter(f -> "AgentCalled".equals(f.eventName())).toList();
        assertThat(called)
                .extracting(f -> f.get("Interface"))
                .containsExactly("PJSIP/1001", "PJSIP/1002");
        AmiFrame rna = first(frames, "AgentRingNoAnswer");
        assertThat(rna.get("Interface")).isEqualTo("PJSIP/1001");
        assertThat(rna.get("RingTime")).isEqualTo("15000");
        AmiFrame connect = first(frames, "AgentConnect");
        assertThat(connect.get("Interface")).isEqualTo("PJSIP/1002");
        assertThat(connect.get("HoldTime")).isEqualTo("28");
        assertThat(connect.get("RingTime")).isEqualTo("5000");
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        CallScript call = flows.call("sales", "+15550004", T0);

        assertThatThrownBy(() -> call.offer(T0 + 1, alice))
                .isInstanceOf(IllegalStateException.class);
        call.join(T0 + 2);
        assertThatThrownBy(() -> call.connect(T0 + 3)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                flows.ringNoAnswerThenAnswered(
                                        "sales", "+1", T0, alice, 15, bob, 10, 5, 60))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void memberEventsCarryStatusAndPause() {
        AmiFrame added = flows.memberAdded(T0, "sales", alice, true, "Meeting");
        List<AmiFrame> ringing = flows.memberStatus(T0 + 1, alice, DeviceState.RINGING);
        AmiFrame unpaused = flows.memberPause(T0 + 2, "sales", alice, false, null);
        AmiFrame removed = flows.memberRemoved(T0 + 3, "sales", alice);

        assertThat(added.get("Paused")).isEqualTo("1");
        assertThat(added.get("PausedReason")).isEqualTo("Meeting");
        assertThat(ringing)
                .singleElement()
                .satisfies(f -> assertThat(f.get("Status")).isEqualTo("6"));
        assertThat(ringing.get(0).get("Paused")).isEqualTo("1");
        assertThat(unpaused.get("Paused")).isEqualTo("0");
        assertThat(unpaused.get("PausedReason")).isEmpty();
        assertThat(removed.eventName()).isEqualTo("QueueMemberRemoved");
        assertThat(removed.get("Interface")).isEqualTo("PJSIP/1001");
    }

    @Test
    void theTrackerNumbersOverlappingCallers() {
        CallScript first = flows.call("q", "+1", T0).join(T0 + 1);
        CallScript second = flows.call("q", "+2", T0 + 2).join(T0 + 3);
        CallScript third = flows.call("q", "+3", T0 + 4).join(T0 + 5);
        first.abandon(T0 + 10);
        third.abandon(T0 + 20);

        List<AmiFrame> merged =
                Timeline.merge(List.of(first.frames(), second.frames(), third.frames()));

        List<AmiFrame> joins =
                merged.stream().filter(f -> "QueueCallerJoin".equals(f.eventName())).toList();
        assertThat(joins).extracting(f -> f.get("Position")).containsExactly("1", "2", "3");
        List<AmiFrame> abandons =
                merged.stream().filter(f -> "QueueCallerAbandon".equals(f.eventName())).toList();
        // The third caller moved up from 3 to 2 when the first one left.
        assertThat(abandons.get(1).get("OriginalPosition")).isEqualTo("3");
        assertThat(abandons.get(1).get("Position")).isEqualTo("2");
        List<AmiFrame> leaves =
                merged.stream().filter(f -> "QueueCallerLeave".equals(f.eventName())).toList();
        assertThat(leaves).extracting(f -> f.get("Count")).containsExactly("2", "1");
    }
}
