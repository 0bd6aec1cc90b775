package io.ringstream.flink.sla;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.abandoned;
import static io.ringstream.analytics.sla.SlaFixtures.agent;
import static io.ringstream.analytics.sla.SlaFixtures.answered;
import static io.ringstream.analytics.sla.SlaFixtures.chat;
import static io.ringstream.analytics.sla.SlaFixtures.contact;
import static io.ringstream.analytics.sla.SlaFixtures.event;
import static io.ringstream.analytics.sla.SlaFixtures.policy;
import static io.ringstream.analytics.sla.SlaFixtures.queued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ringstream.analytics.sla.clock.SlaSettings;
import io.ringstream.events.AgentEventType;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEventType;
import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import io.ringstream.events.SlaKind;
import io.ringstream.events.Speaker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every SLA kind end to end through the job's operators (signals, then both CEP patterns) in
 * harnesses driven by watermarks: raw events and policies in, verdicts out, state gone afterwards.
 */
class SlaDetectionTest {
    private static final long S = 1_000;
    private static final long MIN = 60 * S;
    private static final Duration LINGER = Duration.ofMinutes(15);

    private SlaChain chain;

    @BeforeEach
    void open() throws Exception {
        chain =
                new SlaChain(
                        new SlaSettings(Duration.ofSeconds(5), LINGER, Duration.ofHours(8)),
                        20,
                        0.8);
    }

    @AfterEach
    void close() throws Exception {
        chain.close();
    }

    private List<SlaEvent> of(SlaKind kind) {
        return chain.verdicts().stream().filter(v -> v.kind() == kind).toList();
    }

    @Test
    void voiceAnswerWarnsThenBreachesWhileWaitingAndMeetsWhenAnsweredInTime() throws Exception {
        chain.send(queued("late", "sales", T0)).send(queued("quick", "sales", T0 + S));
        chain.send(answered("quick", "sales", T0 + 6 * S, 5 * S));
        chain.watermark(T0 + 15 * S);
        assertThat(of(SlaKind.ANSWER))
                .extracting(SlaEvent::subject, SlaEvent::type, SlaEvent::elapsedMillis)
                .containsExactly(tuple("quick", SlaEventType.MET, 5 * S));

        chain.watermark(T0 + 30 * S);
        chain.send(answered("late", "sales", T0 + 31 * S, 31 * S)).watermark(T0 + 40 * S);

        assertThat(of(SlaKind.ANSWER))
                .extracting(
                        SlaEvent::subject,
                        SlaEvent::type,
                        SlaEvent::eventTime,
                        SlaEvent::elapsedMillis,
                        SlaEvent::thresholdMillis,
                        SlaEvent::policyId)
                .containsExactly(
                        tuple(
                                "quick",
                                SlaEventType.MET,
                                T0 + 6 * S,
                                5 * S,
                                20 * S,
                                "default:ANSWER:VOICE"),
                        tuple(
                                "late",
                                SlaEventType.WARNING,
                                T0 + 16 * S,
                                16 * S,
                                20 * S,
                                "default:ANSWER:VOICE"),
                        tuple(
                                "late",
                                SlaEventType.BREACH,
                                T0 + 20 * S,
                                20 * S,
                                20 * S,
                                "default:ANSWER:VOICE"));
    }

    @Test
    void forContactsStillWaitingTheWarningPrecedesTheBreachByTheConfiguredMargin()
            throws Exception {
        // 30 s, warning at half: the margin is 15 s.
        chain.policy(policy("sales-30", SlaKind.ANSWER, "sales", Channel.VOICE, 30, 0.5));
        chain.send(queued("c1", "sales", T0 + 1_234)).watermark(T0 + 2 * MIN);

        List<SlaEvent> verdicts = of(SlaKind.ANSWER);
        assertThat(verdicts)
                .extracting(SlaEvent::type)
                .containsExactly(SlaEventType.WARNING, SlaEventType.BREACH);
        assertThat(verdicts.get(1).eventTime() - verdicts.get(0).eventTime()).isEqualTo(15 * S);
        assertThat(verdicts.get(0).eventTime()).isEqualTo(T0 + 1_234 + 15 * S);
        assertThat(verdicts).allSatisfy(v -> assertThat(v.policyId()).isEqualTo("sales-30"));
    }

    @Test
    void aContactThatAbandonsAfterTheWarningIsCancelledNotBreached() throws Exception {
        chain.send(queued("c1", "sales", T0)).watermark(T0 + 17 * S);
        chain.send(abandoned("c1", "sales", T0 + 18 * S, 18 * S))
                .send(event("c1", ContactEventType.ENDED, T0 + 18 * S + 1))
                .watermark(T0 + MIN);

        assertThat(of(SlaKind.ANSWER))
                .extracting(SlaEvent::type, SlaEvent::reason, SlaEvent::shortAbandon)
                .containsExactly(
                        tuple(SlaEventType.WARNING, null, false),
                        tuple(SlaEventType.CANCELLED, "abandoned", false));
    }

    @Test
    void shortAbandonsAreFlaggedForExclusionFromServiceLevel() throws Exception {
        chain.send(queued("short", "sales", T0))
                .send(abandoned("short", "sales", T0 + 3 * S, 3 * S));
        chain.send(queued("long", "sales", T0)).send(abandoned("long", "sales", T0 + 8 * S, 8 * S));
        chain.watermark(T0 + MIN);

        assertThat(of(SlaKind.ANSWER))
                .extracting(SlaEvent::subject, SlaEvent::shortAbandon)
                .containsExactlyInAnyOrder(tuple("short", true), tuple("long", false));
    }

    @Test
    void chatFirstResponseAndTheGapBetweenACustomerMessageAndTheAgentsReply() throws Exception {
        chain.policy(policy("chat-gap", SlaKind.REPLY_GAP, null, Channel.CHAT, 30, null));
        chain.send(contact("chat1", ContactEventType.ARRIVED, T0, Channel.CHAT).build());
        chain.send(chat("chat1", Speaker.CUSTOMER, T0 + S));
        chain.send(chat("chat1", Speaker.AGENT, T0 + 40 * S));
        // Two customer messages in a row: the gap runs from the first one.
        chain.send(chat("chat1", Speaker.CUSTOMER, T0 + 50 * S));
        chain.send(chat("chat1", Speaker.CUSTOMER, T0 + 60 * S));
        chain.send(chat("chat1", Speaker.AGENT, T0 + 70 * S));
        chain.send(chat("chat1", Speaker.CUSTOMER, T0 + 80 * S));
        chain.send(chat("chat1", Speaker.AGENT, T0 + 130 * S));
        chain.watermark(T0 + 5 * MIN);

        assertThat(of(SlaKind.FIRST_RESPONSE))
                .extracting(SlaEvent::type, SlaEvent::elapsedMillis, SlaEvent::policyId)
                .containsExactly(tuple(SlaEventType.MET, 40 * S, "default:FIRST_RESPONSE:CHAT"));
        assertThat(of(SlaKind.REPLY_GAP))
                .extracting(SlaEvent::type, SlaEvent::eventTime, SlaEvent::elapsedMillis)
                .containsExactly(
                        tuple(SlaEventType.MET, T0 + 70 * S, 20 * S),
                        tuple(SlaEventType.WARNING, T0 + 104 * S, 24 * S),
                        tuple(SlaEventType.BREACH, T0 + 110 * S, 30 * S));
    }

    @ParameterizedTest
    @EnumSource(
            value = Channel.class,
            names = {"EMAIL", "TICKET"})
    void writtenContactFirstResponseAndResolution(Channel channel) throws Exception {
        chain.policy(policy("mail-first", SlaKind.FIRST_RESPONSE, null, channel, 600, null));
        chain.policy(policy("mail-done", SlaKind.RESOLUTION, null, channel, 3600, 0.75));
        chain.send(contact("mail1", ContactEventType.ARRIVED, T0, channel).build());
        chain.send(
                contact("mail1", ContactEventType.QUEUED, T0 + S, channel)
                        .queue("billing")
                        .build());
        chain.send(
                contact("mail1", ContactEventType.ANSWERED, T0 + 5 * MIN, channel)
                        .queue("billing")
                        .agentId("a9")
                        .build());
        chain.watermark(T0 + 90 * MIN);
        chain.send(contact("mail1", ContactEventType.ENDED, T0 + 2 * 60 * MIN, channel).build());
        chain.watermark(T0 + 3 * 60 * MIN);

        assertThat(of(SlaKind.FIRST_RESPONSE))
                .extracting(SlaEvent::type, SlaEvent::elapsedMillis, SlaEvent::agentId)
                .containsExactly(tuple(SlaEventType.MET, 5 * MIN, "a9"));
        assertThat(of(SlaKind.RESOLUTION))
                .extracting(SlaEvent::type, SlaEvent::elapsedMillis)
                .containsExactly(
                        tuple(SlaEventType.WARNING, 45 * MIN),
                        tuple(SlaEventType.BREACH, 60 * MIN));
        assertThat(of(SlaKind.ANSWER))
                .as("no answer SLA for written contacts by default")
                .isEmpty();
    }

    @Test
    void callbackFirstResponseIsTheAgentCallingBack() throws Exception {
        chain.send(
                contact("cb1", ContactEventType.QUEUED, T0, Channel.CALLBACK)
                        .queue("sales")
                        .build());
        chain.send(
                contact("cb1", ContactEventType.ANSWERED, T0 + 30 * MIN, Channel.CALLBACK)
                        .queue("sales")
                        .agentId("a2")
                        .build());
        chain.send(contact("cb1", ContactEventType.ENDED, T0 + 40 * MIN, Channel.CALLBACK).build());
        chain.watermark(T0 + 60 * MIN);

        assertThat(chain.verdicts())
                .extracting(SlaEvent::kind, SlaEvent::type, SlaEvent::elapsedMillis)
                .containsExactlyInAnyOrder(
                        tuple(SlaKind.FIRST_RESPONSE, SlaEventType.MET, 30 * MIN),
                        tuple(SlaKind.RESOLUTION, SlaEventType.MET, 40 * MIN));
    }

    @Test
    void maximumHoldMetAndBreachedForTwoHoldsOfOneCall() throws Exception {
        chain.send(queued("c1", "sales", T0)).send(answered("c1", "sales", T0 + S, S));
        chain.send(event("c1", ContactEventType.HELD, T0 + 10 * S));
        chain.send(event("c1", ContactEventType.RESUMED, T0 + 40 * S));
        chain.send(event("c1", ContactEventType.HELD, T0 + 60 * S));
        chain.watermark(T0 + 4 * MIN);
        // The caller hangs up on hold: the hold ends with the talk.
        chain.send(
                contact("c1", ContactEventType.TALK_ENDED, T0 + 5 * MIN, Channel.VOICE)
                        .durationMillis(5 * MIN)
                        .build());
        chain.watermark(T0 + 6 * MIN);

        assertThat(of(SlaKind.HOLD))
                .extracting(SlaEvent::type, SlaEvent::eventTime, SlaEvent::agentId)
                .containsExactly(
                        tuple(SlaEventType.MET, T0 + 40 * S, "agent-1"),
                        tuple(SlaEventType.WARNING, T0 + 156 * S, "agent-1"),
                        tuple(SlaEventType.BREACH, T0 + 180 * S, "agent-1"));
    }

    @Test
    void wrapUpFromContactEventsAndFromTheAgentsState() throws Exception {
        chain.send(queued("c1", "sales", T0)).send(answered("c1", "sales", T0 + S, S));
        chain.send(
                contact("c1", ContactEventType.TALK_ENDED, T0 + MIN, Channel.VOICE)
                        .agentId("agent-1")
                        .durationMillis(MIN - S)
                        .build());
        chain.send(
                contact("c1", ContactEventType.WRAPUP_ENDED, T0 + 2 * MIN, Channel.VOICE)
                        .durationMillis(MIN)
                        .build());
        chain.send(agent("a7", AgentEventType.WRAP_UP, "sales", T0));
        chain.send(agent("a7", AgentEventType.READY, "sales", T0 + 200 * S));
        chain.watermark(T0 + 10 * MIN);

        assertThat(of(SlaKind.WRAP_UP))
                .extracting(
                        SlaEvent::subjectType,
                        SlaEvent::subject,
                        SlaEvent::type,
                        SlaEvent::elapsedMillis)
                .containsExactlyInAnyOrder(
                        tuple(SlaEvent.SubjectType.CONTACT, "c1", SlaEventType.MET, MIN),
                        tuple(SlaEvent.SubjectType.AGENT, "a7", SlaEventType.WARNING, 96 * S),
                        tuple(SlaEvent.SubjectType.AGENT, "a7", SlaEventType.BREACH, 120 * S));
    }

    @Test
    void agentNotReadyLongerThanTheThreshold() throws Exception {
        chain.send(agent("a1", AgentEventType.NOT_READY, "sales", T0));
        // Asterisk reports the pause once per queue: the second one changes nothing.
        chain.send(agent("a1", AgentEventType.NOT_READY, "support", T0 + 5));
        chain.send(agent("a1", AgentEventType.READY, "sales", T0 + 10 * MIN));
        chain.send(agent("a1", AgentEventType.NOT_READY, "sales", T0 + 11 * MIN));
        chain.watermark(T0 + 30 * MIN);

        assertThat(of(SlaKind.NOT_READY))
                .extracting(SlaEvent::type, SlaEvent::eventTime, SlaEvent::agentId)
                .containsExactly(
                        tuple(SlaEventType.MET, T0 + 10 * MIN, "a1"),
                        tuple(SlaEventType.WARNING, T0 + 23 * MIN, "a1"),
                        tuple(SlaEventType.BREACH, T0 + 26 * MIN, "a1"));
    }

    @Test
    void aPolicyChangedAtRunTimeAppliesToClocksThatStartAfterIt() throws Exception {
        chain.policy(policy("sales", SlaKind.ANSWER, "sales", null, 30, null));
        chain.send(queued("before", "sales", T0));
        chain.policy(policy("sales", SlaKind.ANSWER, "sales", null, 10, null));
        chain.send(queued("after", "sales", T0 + S));
        chain.policy(policy("sales", SlaKind.ANSWER, "sales", null, 10, null).deletion("del", T0));
        chain.send(queued("default", "sales", T0 + 2 * S));
        chain.watermark(T0 + MIN);

        assertThat(of(SlaKind.ANSWER).stream().filter(v -> v.type() == SlaEventType.BREACH))
                .extracting(SlaEvent::subject, SlaEvent::thresholdMillis, SlaEvent::eventTime)
                .containsExactly(
                        tuple("after", 10 * S, T0 + 11 * S),
                        tuple("default", 20 * S, T0 + 22 * S),
                        tuple("before", 30 * S, T0 + 30 * S));
    }

    @Test
    void aReDeliveredEventStartsNoSecondClock() throws Exception {
        chain.send(queued("c1", "sales", T0)).send(queued("c1", "sales", T0));
        chain.watermark(T0 + MIN);

        assertThat(of(SlaKind.ANSWER))
                .extracting(SlaEvent::type)
                .containsExactly(SlaEventType.WARNING, SlaEventType.BREACH);
    }

    @Test
    void stateOfAnEndedContactIsClearedEverywhereAfterTheLinger() throws Exception {
        chain.send(contact("c1", ContactEventType.ARRIVED, T0, Channel.VOICE).build());
        chain.send(queued("c1", "sales", T0 + S));
        chain.send(answered("c1", "sales", T0 + 5 * S, 4 * S));
        chain.send(event("c1", ContactEventType.HELD, T0 + 10 * S));
        chain.send(event("c1", ContactEventType.RESUMED, T0 + 20 * S));
        chain.send(contact("c1", ContactEventType.TALK_ENDED, T0 + MIN, Channel.VOICE).build());
        chain.send(event("c1", ContactEventType.ENDED, T0 + MIN + 1));
        // The agent never reports the end of wrap-up.
        chain.watermark(T0 + 5 * MIN);
        assertThat(chain.stateEntries()).isPositive();

        // Forgotten a linger after the later of its last event and its last deadline (wrap-up).
        long forgetAt = T0 + MIN + 120 * S + LINGER.toMillis();
        chain.watermark(forgetAt - 1);
        assertThat(chain.stateEntries()).isPositive();
        chain.watermark(forgetAt + 1);

        assertThat(chain.verdicts())
                .extracting(SlaEvent::kind, SlaEvent::type)
                .containsExactly(
                        tuple(SlaKind.ANSWER, SlaEventType.MET),
                        tuple(SlaKind.HOLD, SlaEventType.MET),
                        tuple(SlaKind.WRAP_UP, SlaEventType.WARNING),
                        tuple(SlaKind.WRAP_UP, SlaEventType.BREACH));
        assertThat(chain.stateEntries()).isZero();
        assertThat(chain.timers()).isZero();
    }
}
