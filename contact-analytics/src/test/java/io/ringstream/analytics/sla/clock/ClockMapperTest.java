package io.ringstream.analytics.sla.clock;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.agent;
import static io.ringstream.analytics.sla.SlaFixtures.chat;
import static io.ringstream.analytics.sla.SlaFixtures.contact;
import static io.ringstream.analytics.sla.SlaFixtures.event;
import static io.ringstream.analytics.sla.SlaFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.analytics.sla.policy.DefaultPolicies;
import io.ringstream.analytics.sla.policy.PolicyBook;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.EventIds;
import io.ringstream.events.InteractionEvent;
import io.ringstream.events.InteractionType;
import io.ringstream.events.RingstreamEvent;
import io.ringstream.events.SlaKind;
import io.ringstream.events.Speaker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which events start, stop and cancel which clocks, without Flink. */
class ClockMapperTest {
    private final ClockMapper mapper = new ClockMapper(SlaSettings.DEFAULT);
    private final PolicyBook book = new PolicyBook(new DefaultPolicies(q -> 20, 0.8));
    private final PolicyLookup defaults = scope -> book.resolve(List.of(), scope);

    @Test
    void queuedEndsAnyEarlierWaitAndStartsAnAnswerClockWithThePriorityAttribute() {
        SubjectState s = new SubjectState();

        List<SlaSignal> signals =
                mapper.onContact(
                        contact("c1", ContactEventType.QUEUED, T0, Channel.VOICE)
                                .queue("sales")
                                .attributes(Map.of("priority", "3"))
                                .build(),
                        s,
                        defaults);

        assertThat(signals)
                .extracting(SlaSignal::type, SlaSignal::kind, SlaSignal::priority)
                .containsExactly(
                        tuple(SignalType.SUPERSEDE, SlaKind.ANSWER, 3),
                        tuple(SignalType.START, SlaKind.ANSWER, 3));
        SlaSignal start = signals.get(1);
        assertThat(start.thresholdMillis()).isEqualTo(20_000);
        assertThat(start.warnAfterMillis()).isEqualTo(16_000);
        assertThat(start.deadline(SignalType.BREACH_DUE).time()).isEqualTo(T0 + 20_000);
        assertThat(start.cepKey())
                .isEqualTo(SlaSignal.cepKey("acme", start.subjectType(), "c1", SlaKind.ANSWER));
    }

    @Test
    void dequeuedDoesNotEndTheWaitBecauseAsteriskReportsItBeforeTheAnswer() {
        SubjectState s = new SubjectState();
        mapper.onContact(queued("c1", "sales", T0), s, defaults);

        assertThat(mapper.onContact(event("c1", ContactEventType.DEQUEUED, T0 + 5), s, defaults))
                .isEmpty();
    }

    @Test
    void identifyingTheCustomerStartsAndStopsNoClock() {
        SubjectState s = new SubjectState();
        mapper.onContact(queued("c1", "sales", T0), s, defaults);

        assertThat(
                        mapper.onContact(
                                contact("c1", ContactEventType.IDENTIFIED, T0 + 5, Channel.VOICE)
                                        .customerId("k42")
                                        .build(),
                                s,
                                defaults))
                .isEmpty();
    }

    @Test
    void anAbandonWithoutAReportedWaitIsShortWhenQueuedMomentsAgo() {
        SubjectState s = new SubjectState();
        mapper.onContact(queued("c1", "sales", T0), s, defaults);

        List<SlaSignal> signals =
                mapper.onContact(
                        contact("c1", ContactEventType.ABANDONED, T0 + 4_000, Channel.VOICE)
                                .queue("sales")
                                .build(),
                        s,
                        defaults);

        assertThat(signals.get(0).type()).isEqualTo(SignalType.CANCEL);
        assertThat(signals.get(0).reason()).isEqualTo("abandoned");
        assertThat(signals.get(0).shortAbandon()).isTrue();
    }

    @Test
    void aReDeliveredEventIsIgnored() {
        SubjectState s = new SubjectState();
        assertThat(mapper.onContact(queued("c1", "sales", T0), s, defaults)).isNotEmpty();

        assertThat(mapper.onContact(queued("c1", "sales", T0), s, defaults)).isEmpty();
    }

    @Test
    void aSecondHeldWhileOnHoldStartsNothing() {
        SubjectState s = new SubjectState();
        assertThat(mapper.onContact(event("c1", ContactEventType.HELD, T0), s, defaults))
                .hasSize(1);

        assertThat(mapper.onContact(event("c1", ContactEventType.HELD, T0 + 1_000), s, defaults))
                .isEmpty();
    }

    @Test
    void agentStatesStartAndStopClocksOnlyOnChangesAndIgnoreOlderEvents() {
        SubjectState s = new SubjectState();
        assertThat(mapper.onAgent(agent("a1", AgentEventType.NOT_READY, "sales", T0), s, defaults))
                .extracting(SlaSignal::type, SlaSignal::kind)
                .containsExactly(tuple(SignalType.START, SlaKind.NOT_READY));
        assertThat(
                        mapper.onAgent(
                                agent("a1", AgentEventType.NOT_READY, "support", T0 + 1),
                                s,
                                defaults))
                .isEmpty();
        assertThat(mapper.onAgent(agent("a1", AgentEventType.READY, "sales", T0 - 10), s, defaults))
                .as("older than the state it would end")
                .isEmpty();

        assertThat(
                        mapper.onAgent(
                                agent("a1", AgentEventType.WRAP_UP, "sales", T0 + 60_000),
                                s,
                                defaults))
                .extracting(SlaSignal::type, SlaSignal::kind)
                .containsExactly(
                        tuple(SignalType.STOP, SlaKind.NOT_READY),
                        tuple(SignalType.START, SlaKind.WRAP_UP));
        assertThat(
                        mapper.onAgent(
                                agent("a1", AgentEventType.SKILLS_CHANGED, null, T0 + 61_000),
                                s,
                                defaults))
                .isEmpty();
    }

    @Test
    void forgettingASubjectCancelsEveryKindItEverStarted() {
        SubjectState s = new SubjectState();
        mapper.onContact(queued("c1", "sales", T0), s, defaults);
        mapper.onContact(event("c1", ContactEventType.HELD, T0 + 10_000), s, defaults);
        mapper.onContact(event("c1", ContactEventType.RESUMED, T0 + 20_000), s, defaults);

        assertThat(mapper.expire(s, T0 + 3_600_000))
                .extracting(SlaSignal::type, SlaSignal::kind, SlaSignal::reason, SlaSignal::time)
                .containsExactlyInAnyOrder(
                        tuple(SignalType.CANCEL, SlaKind.ANSWER, "expired", T0 + 3_600_000),
                        tuple(SignalType.CANCEL, SlaKind.HOLD, "expired", T0 + 3_600_000));
    }

    @Test
    void aDeliveryReceiptNeitherAnswersTheCustomerNorClosesAReplyGap() {
        SubjectState s = new SubjectState();
        InteractionEvent customer = chat("c9", Speaker.CUSTOMER, T0);
        assertThat(mapper.onInteraction(customer, s, defaults))
                .extracting(SlaSignal::type, SlaSignal::kind)
                .contains(tuple(SignalType.START, SlaKind.FIRST_RESPONSE));

        // "delivered" and "read" of an earlier message arrive before any agent answered.
        assertThat(mapper.onInteraction(receipt(customer, "delivered", T0 + 1_000), s, defaults))
                .isEmpty();
        assertThat(mapper.onInteraction(receipt(customer, "read", T0 + 2_000), s, defaults))
                .isEmpty();

        // The agent's real reply is still the one that stops first response.
        assertThat(mapper.onInteraction(chat("c9", Speaker.AGENT, T0 + 30_000), s, defaults))
                .extracting(SlaSignal::type, SlaSignal::kind, SlaSignal::time)
                .contains(tuple(SignalType.STOP, SlaKind.FIRST_RESPONSE, T0 + 30_000));
        mapper.onInteraction(chat("c9", Speaker.CUSTOMER, T0 + 40_000), s, defaults);
        // A receipt after the customer's next message does not close the reply gap it opened.
        assertThat(mapper.onInteraction(receipt(customer, "read", T0 + 45_000), s, defaults))
                .isEmpty();
        assertThat(mapper.onInteraction(chat("c9", Speaker.AGENT, T0 + 50_000), s, defaults))
                .extracting(SlaSignal::type, SlaSignal::kind)
                .contains(tuple(SignalType.STOP, SlaKind.REPLY_GAP));
    }

    private static InteractionEvent receipt(InteractionEvent of, String status, long at) {
        return new InteractionEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("whatsapp", "status", of.eventId(), status, Long.toString(at)),
                InteractionType.DELIVERY_RECEIPT,
                of.tenant(),
                of.contactId(),
                of.channel(),
                at,
                "whatsapp",
                Speaker.AGENT,
                null,
                null,
                Map.of("status", status));
    }

    @Test
    void aMalformedPriorityIsIgnored() {
        assertThat(ClockMapper.priorityOf(Map.of("priority", "urgent"))).isNull();
        assertThat(ClockMapper.priorityOf(Map.of("priority", " 4 "))).isEqualTo(4);
    }
}
