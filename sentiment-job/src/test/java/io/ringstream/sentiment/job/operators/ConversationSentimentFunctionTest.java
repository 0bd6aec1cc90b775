package io.ringstream.sentiment.job.operators;

import static io.ringstream.sentiment.job.Utterances.T0;
import static io.ringstream.sentiment.job.Utterances.contact;
import static io.ringstream.sentiment.job.Utterances.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.sentiment.job.ConversationPoint;
import io.ringstream.sentiment.job.ScoredUtterance;
import io.ringstream.sentiment.job.SentimentAlert;
import io.ringstream.sentiment.rolling.AlertPolicy;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rolling/alert operator in event time: timeline and alerts per utterance, queue and agent from
 * contact events, and when its state goes away (watermarks drive the timers).
 */
class ConversationSentimentFunctionTest {
    private static final String T = "acme";
    private static final Duration LINGER = Duration.ofMinutes(2);
    private static final Duration INACTIVITY = Duration.ofHours(2);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, ScoredUtterance, ContactEvent, ConversationPoint>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                        new ConversationSentimentFunction(AlertPolicy.DEFAULT, LINGER, INACTIVITY),
                        Keys::of,
                        Keys::of,
                        Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void say(String contact, String speaker, long time, Double score) throws Exception {
        harness.processElement1(scored(T, contact, speaker, time, score), time);
    }

    private void contactEvent(ContactEvent e) throws Exception {
        harness.processElement2(e, e.eventTime());
    }

    private List<SentimentAlert> alerts() {
        return harness.getSideOutput(ConversationSentimentFunction.ALERTS) == null
                ? List.of()
                : harness.getSideOutput(ConversationSentimentFunction.ALERTS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
    }

    @Test
    void emitsATimelinePointPerUtteranceAndOneAlertPerEpisodeWithTheContactsQueueAndAgent()
            throws Exception {
        contactEvent(contact(T, "c1", ContactEventType.QUEUED, T0, "billing", null));
        contactEvent(contact(T, "c1", ContactEventType.ANSWERED, T0 + 1_000, "billing", "a7"));
        say("c1", "CUSTOMER", T0 + 2_000, 0.1);
        say("c1", "AGENT", T0 + 3_000, 0.5);
        say("c1", "CUSTOMER", T0 + 4_000, -0.9); // rolling -0.336: alert
        say("c1", "CUSTOMER", T0 + 5_000, -0.9); // same episode
        say("c1", "CUSTOMER", T0 + 6_000, null); // unscored

        List<ConversationPoint> points = harness.extractOutputValues();
        assertThat(points).extracting(ConversationPoint::turn).containsExactly(1, 2, 3, 4, 5);
        assertThat(points.get(2).customerRolling()).isCloseTo(-0.336, within(1e-9));
        assertThat(points.get(2).alerting()).isTrue();
        assertThat(points.get(4).score()).isNull();
        assertThat(points).allMatch(p -> "billing".equals(p.queue()) && "a7".equals(p.agentId()));

        assertThat(alerts()).hasSize(1);
        SentimentAlert alert = alerts().get(0);
        assertThat(alert.episode()).isEqualTo(1);
        assertThat(alert.turn()).isEqualTo(3);
        assertThat(alert.trigger()).isEqualTo("THRESHOLD");
        assertThat(alert.queue()).isEqualTo("billing");
        assertThat(alert.agentId()).isEqualTo("a7");
        assertThat(alert.alertId()).isEqualTo(SentimentAlert.alertId(T, "c1", 1));
        assertThat(alert.toSupervisorAlert().violations()).isEmpty();
    }

    @Test
    void conversationsAreIndependent() throws Exception {
        say("c1", "CUSTOMER", T0, -0.9);
        say("c2", "CUSTOMER", T0, 0.9);
        assertThat(harness.extractOutputValues())
                .extracting(ConversationPoint::contactId, ConversationPoint::turn)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("c1", 1),
                        org.assertj.core.groups.Tuple.tuple("c2", 1));
        assertThat(alerts()).extracting(SentimentAlert::contactId).containsExactly("c1");
    }

    @Test
    void aRedeliveredUtteranceIsIgnored() throws Exception {
        ScoredUtterance u = scored(T, "c1", "CUSTOMER", T0, -0.9);
        harness.processElement1(u, T0);
        harness.processElement1(u, T0);
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(alerts()).hasSize(1);
    }

    @Test
    void stateIsClearedOnceTheLingerAfterTheContactEndedHasPassed() throws Exception {
        say("c1", "CUSTOMER", T0, -0.9);
        contactEvent(contact(T, "c1", ContactEventType.ENDED, T0 + 10_000, null, null));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        // A transcript segment after the hang-up, inside the linger, still counts.
        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        T0 + 10_000 + LINGER.toMillis() - 1));
        say("c1", "CUSTOMER", T0 + 9_000, -0.9);
        assertThat(harness.extractOutputValues())
                .last()
                .extracting(ConversationPoint::turn)
                .isEqualTo(2);

        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        T0 + 10_000 + LINGER.toMillis()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void stateOfAConversationThatNeverEndsIsClearedAfterInactivity() throws Exception {
        say("c1", "CUSTOMER", T0, 0.2);
        say("c1", "AGENT", T0 + 60_000, 0.2);
        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        T0 + 60_000 + INACTIVITY.toMillis() - 1));
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        T0 + 60_000 + INACTIVITY.toMillis()));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void identifyingTheCustomerOfAContactWithoutAConversationLeavesNoState() throws Exception {
        contactEvent(contact(T, "voice-only", ContactEventType.IDENTIFIED, T0, null, null));

        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void anEndedContactWithoutAConversationLeavesNoState() throws Exception {
        contactEvent(contact(T, "voice-only", ContactEventType.ENDED, T0, null, null));
        contactEvent(contact(T, "voice-only", ContactEventType.TALK_ENDED, T0, null, null));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aConversationStartingAgainAfterCleanupStartsFromNeutral() throws Exception {
        say("c1", "CUSTOMER", T0, -0.9);
        contactEvent(contact(T, "c1", ContactEventType.ENDED, T0 + 1_000, null, null));
        harness.processBothWatermarks(
                new org.apache.flink.streaming.api.watermark.Watermark(
                        T0 + 1_000 + LINGER.toMillis()));
        say("c1", "CUSTOMER", T0 + 500_000, -0.5);
        ConversationPoint p = harness.extractOutputValues().get(1);
        assertThat(p.turn()).isEqualTo(1);
        assertThat(p.customerRolling()).isCloseTo(-0.2, within(1e-9));
    }
}
