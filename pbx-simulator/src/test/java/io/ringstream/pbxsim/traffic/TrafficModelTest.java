package io.ringstream.pbxsim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.pbxsim.ami.AmiFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The traffic model is reproducible and its counts follow the configured rates and staffing. */
class TrafficModelTest {
    private static final long START = 1_715_677_200_000_000L;
    private static final long HOUR = 3_600_000_000L;

    private static List<Emission> first(SimulationConfig config, int n) {
        TrafficModel model = new TrafficModel(config, START);
        List<Emission> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(model.next());
        }
        return out;
    }

    private static List<AmiFrame> voice(List<Emission> emissions, String event) {
        return emissions.stream()
                .filter(Emission.Voice.class::isInstance)
                .map(e -> ((Emission.Voice) e).frame())
                .filter(f -> event.equals(f.eventName()))
                .toList();
    }

    private static List<ContactEvent> contacts(List<Emission> emissions, ContactEventType type) {
        return emissions.stream()
                .filter(Emission.Contact.class::isInstance)
                .map(e -> ((Emission.Contact) e).event())
                .filter(c -> c.type() == type)
                .toList();
    }

    private static SimulationConfig voiceOnly(long seed, int agents) {
        return SimulationConfig.defaults(seed)
                .withQueues(List.of(QueueProfile.voice("sales", 60, 300, 90, agents)));
    }

    @Test
    void theSameSeedGivesTheSameTraffic() {
        List<Emission> a = first(SimulationConfig.defaults(42), 3_000);
        List<Emission> b = first(SimulationConfig.defaults(42), 3_000);

        assertThat(a).isEqualTo(b);
    }

    @Test
    void anotherSeedGivesOtherTraffic() {
        assertThat(first(SimulationConfig.defaults(43), 3_000))
                .isNotEqualTo(first(SimulationConfig.defaults(42), 3_000));
    }

    @Test
    void addingAQueueLeavesTheOtherQueuesTrafficAlone() {
        SimulationConfig one =
                SimulationConfig.defaults(7)
                        .withQueues(List.of(QueueProfile.voice("sales", 120, 180, 90, 8)));
        SimulationConfig two =
                one.withQueues(
                        List.of(
                                QueueProfile.voice("sales", 120, 180, 90, 8),
                                QueueProfile.chat("webchat", 90, 420, 240, 4, 3)));

        List<Emission> alone = new TrafficModel(one, START).until(START + HOUR);
        List<Emission> together = new TrafficModel(two, START).until(START + HOUR);

        assertThat(voiceSide(together)).isEqualTo(voiceSide(alone)).isNotEmpty();
    }

    /** The voice queue's emissions: its AMI frames and its ended calls. */
    private static List<Emission> voiceSide(List<Emission> emissions) {
        return emissions.stream()
                .filter(e -> e instanceof Emission.Voice || e instanceof Emission.CallEnded)
                .toList();
    }

    @Test
    void everyEndedCallIsACallerLegThatJoinedAQueue() {
        List<Emission> hour =
                new TrafficModel(SimulationConfig.defaults(42), START).until(START + HOUR);
        List<String> joined =
                voice(hour, "QueueCallerJoin").stream().map(f -> f.get("Uniqueid")).toList();
        List<Emission.CallEnded> ended =
                hour.stream()
                        .filter(Emission.CallEnded.class::isInstance)
                        .map(Emission.CallEnded.class::cast)
                        .toList();
        assertThat(ended).isNotEmpty();
        assertThat(ended).allSatisfy(e -> assertThat(joined).contains(e.contactId()));
        assertThat(ended).anyMatch(Emission.CallEnded::answered).anyMatch(e -> !e.answered());
    }

    @Test
    void arrivalsFollowTheConfiguredRates() {
        List<Emission> tenHours =
                new TrafficModel(SimulationConfig.defaults(42), START).until(START + 10 * HOUR);

        long callerLegs =
                voice(tenHours, "Newchannel").stream()
                        .filter(f -> f.get("Uniqueid").equals(f.get("Linkedid")))
                        .count();
        long sales =
                voice(tenHours, "QueueCallerJoin").stream()
                        .filter(f -> f.get("Queue").equals("sales"))
                        .count();
        long support =
                voice(tenHours, "QueueCallerJoin").stream()
                        .filter(f -> f.get("Queue").equals("support"))
                        .count();
        int chats = contacts(tenHours, ContactEventType.ARRIVED).size();
        // Poisson counts over 10 h: 1200, 600 and 900 expected; +-10% is over 3 standard
        // deviations.
        assertThat(sales).isBetween(1080L, 1320L);
        assertThat(support).isBetween(540L, 660L);
        assertThat(chats).isBetween(810, 990);
        // Every caller channel joins a queue 2 s later, except those still in the IVR at the end.
        assertThat(callerLegs).isBetween(sales + support, sales + support + 3);
    }

    @Test
    void talkTimesAverageTheConfiguredHandleTime() {
        List<Emission> day = new TrafficModel(voiceOnly(5, 12), START).until(START + 24 * HOUR);

        double mean =
                voice(day, "AgentComplete").stream()
                        .mapToLong(f -> Long.parseLong(f.get("TalkTime")))
                        .average()
                        .orElseThrow();

        assertThat(mean).isBetween(270.0, 330.0);
    }

    @Test
    void understaffedQueuesLoseCallersToImpatience() {
        // 60 calls/h of 5 minutes is 5 Erlangs: 2 agents cannot keep up, 12 easily can.
        List<Emission> starved = new TrafficModel(voiceOnly(9, 2), START).until(START + 8 * HOUR);
        List<Emission> staffed = new TrafficModel(voiceOnly(9, 12), START).until(START + 8 * HOUR);

        double starvedShare =
                (double) voice(starved, "QueueCallerAbandon").size()
                        / voice(starved, "QueueCallerJoin").size();
        double staffedShare =
                (double) voice(staffed, "QueueCallerAbandon").size()
                        / voice(staffed, "QueueCallerJoin").size();

        // Even a well-staffed queue loses the few callers whose patience is shorter than the ring.
        assertThat(starvedShare).isGreaterThan(0.4);
        assertThat(staffedShare).isLessThan(0.1);
    }

    @Test
    void everyCallThatJoinedLeavesExactlyOnce() {
        List<Emission> hours = new TrafficModel(voiceOnly(11, 4), START).until(START + 6 * HOUR);
        Map<String, Integer> joins = new HashMap<>();
        Map<String, Integer> leaves = new HashMap<>();
        for (AmiFrame f : voice(hours, "QueueCallerJoin")) {
            joins.merge(f.get("Uniqueid"), 1, Integer::sum);
        }
        for (AmiFrame f : voice(hours, "QueueCallerLeave")) {
            leaves.merge(f.get("Uniqueid"), 1, Integer::sum);
        }

        assertThat(joins.values()).allMatch(n -> n == 1);
        assertThat(leaves.values()).allMatch(n -> n == 1);
        assertThat(joins.keySet()).containsAll(leaves.keySet());
        // Only callers still waiting at the cut-off have not left yet.
        assertThat(joins.size() - leaves.size()).isBetween(0, 20);
        assertThat(voice(hours, "AgentRingNoAnswer")).isNotEmpty();
        assertThat(voice(hours, "QueueMemberPause")).isNotEmpty();
        assertThat(voice(hours, "QueueMemberRemoved")).isNotEmpty();
    }

    @Test
    void chatEventsAreValidAndFollowTheLifecycle() {
        List<Emission> hours =
                new TrafficModel(SimulationConfig.defaults(3), START).until(START + 4 * HOUR);

        List<RingstreamEvent> events = new ArrayList<>();
        for (Emission e : hours) {
            if (e instanceof Emission.Contact c) {
                events.add(c.event());
            } else if (e instanceof Emission.AgentState a) {
                events.add(a.event());
            } else if (e instanceof Emission.Interaction i) {
                events.add(i.event());
            }
        }
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.violations()).isEmpty());
        assertThat(events.stream().map(RingstreamEvent::eventId).distinct().count())
                .isEqualTo(events.size());
        int arrived = contacts(hours, ContactEventType.ARRIVED).size();
        int answered = contacts(hours, ContactEventType.ANSWERED).size();
        int abandoned = contacts(hours, ContactEventType.ABANDONED).size();
        assertThat(answered + abandoned).isBetween(arrived - 30, arrived);
        assertThat(contacts(hours, ContactEventType.ANSWERED))
                .allSatisfy(c -> assertThat(c.waitMillis()).isNotNull().isNotNegative());
        assertThat(hours).anyMatch(Emission.Interaction.class::isInstance);
    }

    @Test
    void emissionsComeInSimulatedTimeOrder() {
        List<Emission> hours =
                new TrafficModel(SimulationConfig.defaults(8), START).until(START + 2 * HOUR);

        long previous = START;
        for (Emission e : hours) {
            // Frames of one step are microseconds apart; allow that much overlap between steps.
            assertThat(e.atMicros()).isGreaterThanOrEqualTo(previous - 1_000);
            previous = Math.max(previous, e.atMicros());
        }
    }
}
