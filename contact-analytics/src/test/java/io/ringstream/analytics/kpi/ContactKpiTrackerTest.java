package io.ringstream.analytics.kpi;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.contact;
import static io.ringstream.analytics.sla.SlaFixtures.event;
import static io.ringstream.analytics.sla.SlaFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.analytics.sla.SlaFixtures;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One contact's events in event-time order become queue facts (the KPI definitions). */
class ContactKpiTrackerTest {
    private final ContactKpiTracker tracker = new ContactKpiTracker();
    private final ContactKpiState state = new ContactKpiState();

    private List<KpiFact> apply(ContactEvent... events) {
        List<KpiFact> facts = new ArrayList<>();
        for (ContactEvent e : events) {
            facts.addAll(tracker.apply(state, e));
        }
        return facts;
    }

    @Test
    void anAnsweredCallWithAHoldAndWrapUp() {
        List<KpiFact> facts =
                apply(
                        queued("c1", "sales", T0),
                        event("c1", ContactEventType.DEQUEUED, T0 + 7_000),
                        contact("c1", ContactEventType.ANSWERED, T0 + 7_000, Channel.VOICE)
                                .queue("sales")
                                .agentId("a1")
                                .waitMillis(7_000L)
                                .build(),
                        event("c1", ContactEventType.HELD, T0 + 20_000),
                        event("c1", ContactEventType.HELD, T0 + 25_000),
                        event("c1", ContactEventType.RESUMED, T0 + 50_000),
                        contact("c1", ContactEventType.TALK_ENDED, T0 + 100_000, Channel.VOICE)
                                .durationMillis(93_000L)
                                .build(),
                        event("c1", ContactEventType.ENDED, T0 + 100_001),
                        contact("c1", ContactEventType.WRAPUP_ENDED, T0 + 130_000, Channel.VOICE)
                                .durationMillis(30_000L)
                                .build());

        assertThat(facts)
                .extracting(
                        KpiFact::type,
                        KpiFact::queue,
                        KpiFact::time,
                        KpiFact::waitMillis,
                        KpiFact::durationMillis)
                .containsExactly(
                        tuple(FactType.OFFERED, "sales", T0, 0L, 0L),
                        tuple(FactType.LEFT, "sales", T0 + 7_000, 7_000L, 0L),
                        tuple(FactType.ANSWERED, "sales", T0 + 7_000, 7_000L, 0L),
                        tuple(FactType.HOLD, "sales", T0 + 50_000, 0L, 30_000L),
                        tuple(FactType.TALK, "sales", T0 + 100_000, 0L, 93_000L),
                        tuple(FactType.WRAP_UP, "sales", T0 + 130_000, 0L, 30_000L));
        assertThat(state.endedAt).isEqualTo(T0 + 100_001);
    }

    @Test
    void handlingCountsForTheEventsAgentOrTheAgentWhoAnswered() {
        List<KpiFact> facts =
                apply(
                        contact("c1", ContactEventType.OFFERED, T0, Channel.VOICE)
                                .queue("sales")
                                .agentId("a2")
                                .build(),
                        contact("c1", ContactEventType.OFFER_TIMED_OUT, T0 + 1_000, Channel.VOICE)
                                .queue("sales")
                                .agentId("a2")
                                .build(),
                        contact("c1", ContactEventType.ANSWERED, T0 + 2_000, Channel.VOICE)
                                .queue("sales")
                                .agentId("a1")
                                .build(),
                        event("c1", ContactEventType.HELD, T0 + 3_000),
                        contact("c1", ContactEventType.TALK_ENDED, T0 + 9_000, Channel.VOICE)
                                .durationMillis(7_000L)
                                .build(),
                        contact("c1", ContactEventType.WRAPUP_ENDED, T0 + 12_000, Channel.VOICE)
                                .agentId("a3")
                                .durationMillis(3_000L)
                                .build());

        assertThat(facts)
                .filteredOn(KpiFact::forAgents)
                .extracting(KpiFact::type, KpiFact::agentId, KpiFact::queue)
                .containsExactly(
                        tuple(FactType.OFFER_TIMED_OUT, "a2", "sales"),
                        tuple(FactType.ANSWERED, "a1", "sales"),
                        tuple(FactType.HOLD, "a1", "sales"),
                        tuple(FactType.TALK, "a1", "sales"),
                        tuple(FactType.WRAP_UP, "a3", "sales"));
        assertThat(facts)
                .filteredOn(KpiFact::forQueues)
                .extracting(KpiFact::type)
                .doesNotContain(FactType.OFFER_TIMED_OUT);
    }

    @Test
    void aTalkWithAnAgentButNoQueueIsTheAgentsOnly() {
        List<KpiFact> facts =
                apply(
                        contact("c1", ContactEventType.TALK_ENDED, T0, Channel.VOICE)
                                .agentId("a1")
                                .durationMillis(5_000L)
                                .build());

        assertThat(facts)
                .extracting(KpiFact::forAgents, KpiFact::forQueues)
                .containsExactly(tuple(true, false));
    }

    @Test
    void identifyingTheCustomerMakesNoFactAndLeavesNoQueue() {
        List<KpiFact> queuedOnly = apply(queued("c1", "sales", T0));
        List<KpiFact> identified =
                apply(
                        contact("c1", ContactEventType.IDENTIFIED, T0 + 1_000, Channel.VOICE)
                                .customerId("k42")
                                .build());
        List<KpiFact> abandoned =
                apply(
                        contact("c1", ContactEventType.ABANDONED, T0 + 3_000, Channel.VOICE)
                                .queue("sales")
                                .build());

        assertThat(queuedOnly).extracting(KpiFact::type).containsExactly(FactType.OFFERED);
        assertThat(identified).isEmpty();
        // Still waiting since T0: the identification did not take the contact out of the queue.
        assertThat(abandoned)
                .extracting(KpiFact::type, KpiFact::waitMillis)
                .contains(tuple(FactType.LEFT, 3_000L), tuple(FactType.ABANDONED, 3_000L));
    }

    @Test
    void anUnreportedWaitIsTheTimeSinceTheLatestQueued() {
        List<KpiFact> facts =
                apply(
                        queued("c1", "sales", T0),
                        contact("c1", ContactEventType.ABANDONED, T0 + 3_000, Channel.VOICE)
                                .queue("sales")
                                .build());

        assertThat(facts.get(2).type()).isEqualTo(FactType.ABANDONED);
        assertThat(facts.get(2).waitMillis()).isEqualTo(3_000);
    }

    @Test
    void aReQueueLeavesTheFirstQueueAndHandlingCountsWhereItWasAnswered() {
        List<KpiFact> facts =
                apply(
                        queued("c1", "sales", T0),
                        queued("c1", "support", T0 + 10_000),
                        contact("c1", ContactEventType.ANSWERED, T0 + 15_000, Channel.VOICE)
                                .queue("support")
                                .agentId("a2")
                                .waitMillis(5_000L)
                                .build(),
                        event("c1", ContactEventType.HELD, T0 + 20_000),
                        // The caller hangs up on hold: the hold ends with the talk.
                        contact("c1", ContactEventType.TALK_ENDED, T0 + 40_000, Channel.VOICE)
                                .durationMillis(25_000L)
                                .build());

        assertThat(facts)
                .extracting(KpiFact::type, KpiFact::queue, KpiFact::time)
                .containsExactly(
                        tuple(FactType.OFFERED, "sales", T0),
                        tuple(FactType.LEFT, "sales", T0 + 10_000),
                        tuple(FactType.OFFERED, "support", T0 + 10_000),
                        tuple(FactType.LEFT, "support", T0 + 15_000),
                        tuple(FactType.ANSWERED, "support", T0 + 15_000),
                        tuple(FactType.HOLD, "support", T0 + 40_000),
                        tuple(FactType.TALK, "support", T0 + 40_000));
    }

    @Test
    void duplicatesCountOnceAndTalkWithoutAQueueCountsNowhere() {
        ContactEvent talk =
                contact("c9", ContactEventType.TALK_ENDED, T0, Channel.VOICE)
                        .durationMillis(5L)
                        .build();
        assertThat(apply(talk)).isEmpty();

        assertThat(apply(queued("c1", "sales", T0), queued("c1", "sales", T0))).hasSize(1);
    }

    @Test
    void aContactForgottenWhileWaitingLeavesItsQueue() {
        apply(queued("c1", "sales", T0));

        assertThat(tracker.expire(state, "acme", "c1", T0 + 60_000))
                .extracting(KpiFact::type, KpiFact::queue, KpiFact::contactId)
                .containsExactly(tuple(FactType.LEFT, "sales", "c1"));
        assertThat(tracker.expire(state, "acme", "c1", T0 + 60_000)).isEmpty();
    }

    @Test
    void eventsOfOneMillisecondApplyInTypeOrder() {
        ContactEvent answered =
                contact("c1", ContactEventType.ANSWERED, T0, Channel.VOICE)
                        .queue("sales")
                        .agentId("a1")
                        .waitMillis(0L)
                        .build();
        List<ContactEvent> events = new ArrayList<>(List.of(answered, queued("c1", "sales", T0)));

        events.sort(ContactKpiTracker.ORDER);

        assertThat(events)
                .extracting(ContactEvent::type)
                .containsExactly(ContactEventType.QUEUED, ContactEventType.ANSWERED);
    }

    /**
     * Random contact lives with random replays (a producer retrying): per queue, the facts add up
     * to what happened, each once, and offered = answered + abandoned + still waiting.
     */
    @Test
    void randomLivesWithReplaysAddUpPerQueue() {
        Random random = new Random(42);
        Map<String, long[]> expected = new HashMap<>(); // offered, answered, abandoned, waiting
        List<KpiFact> facts = new ArrayList<>();
        for (int c = 0; c < 500; c++) {
            String id = "c" + c;
            String queue = random.nextBoolean() ? "sales" : "support";
            long q = T0 + random.nextInt(3_600_000);
            long wait = random.nextInt(90_000);
            long[] exp = expected.computeIfAbsent(queue, k -> new long[4]);
            exp[0]++;
            List<ContactEvent> life = new ArrayList<>();
            life.add(queued(id, queue, q));
            switch (random.nextInt(3)) {
                case 0 -> {
                    life.add(SlaFixtures.answered(id, queue, q + wait, wait));
                    life.add(
                            contact(
                                            id,
                                            ContactEventType.TALK_ENDED,
                                            q + wait + 60_000,
                                            Channel.VOICE)
                                    .durationMillis(60_000L)
                                    .build());
                    exp[1]++;
                }
                case 1 -> {
                    life.add(SlaFixtures.abandoned(id, queue, q + wait, wait));
                    exp[2]++;
                }
                default -> exp[3]++;
            }
            List<ContactEvent> withReplays = new ArrayList<>(life);
            withReplays.addAll(life.subList(0, random.nextInt(life.size() + 1)));
            Collections.shuffle(withReplays.subList(life.size(), withReplays.size()), random);
            ContactKpiState contactState = new ContactKpiState();
            for (ContactEvent e : withReplays) {
                facts.addAll(tracker.apply(contactState, e));
            }
        }

        expected.forEach(
                (queue, exp) -> {
                    Map<FactType, Long> byType =
                            facts.stream()
                                    .filter(f -> f.queue().equals(queue))
                                    .collect(
                                            Collectors.groupingBy(
                                                    KpiFact::type, Collectors.counting()));
                    long offered = byType.getOrDefault(FactType.OFFERED, 0L);
                    long answered = byType.getOrDefault(FactType.ANSWERED, 0L);
                    long abandoned = byType.getOrDefault(FactType.ABANDONED, 0L);
                    long left = byType.getOrDefault(FactType.LEFT, 0L);
                    assertThat(new long[] {offered, answered, abandoned})
                            .as(queue)
                            .containsExactly(exp[0], exp[1], exp[2]);
                    assertThat(offered - left).as("still waiting in " + queue).isEqualTo(exp[3]);
                    assertThat(left).isEqualTo(answered + abandoned);
                    assertThat(byType.getOrDefault(FactType.TALK, 0L)).isEqualTo(answered);
                });
    }
}
