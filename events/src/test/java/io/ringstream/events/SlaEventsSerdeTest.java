package io.ringstream.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.events.serde.InvalidEventException;
import io.ringstream.events.topics.Topics;
import org.junit.jupiter.api.Test;

/** The SLA policy and SLA event records: JSON round trips, keys and validation reasons. */
class SlaEventsSerdeTest {
    private static final long T = 1_709_287_200_000L;

    static SlaPolicy policy() {
        return SlaPolicy.of(
                "p-1-v1",
                "acme",
                T,
                "test",
                "voice-gold",
                SlaKind.ANSWER,
                "sales",
                Channel.VOICE,
                2,
                10,
                0.75);
    }

    static SlaEvent breach() {
        return new SlaEvent(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                EventIds.of("clock", "BREACH"),
                SlaEventType.BREACH,
                "acme",
                T + 20_000,
                "flink:sla",
                "clock",
                SlaKind.ANSWER,
                "voice-gold",
                SlaEvent.SubjectType.CONTACT,
                "c1",
                "c1",
                null,
                "sales",
                Channel.VOICE,
                2,
                T,
                20_000,
                20_000,
                null,
                false);
    }

    @Test
    void policyRoundTripsAndIsKeyedByPolicyId() {
        SlaPolicy policy = policy();

        SlaPolicy decoded =
                Topics.SLA_POLICIES
                        .serde()
                        .deserialize(Topics.SLA_POLICIES.serde().serialize(policy));

        assertThat(decoded).isEqualTo(policy);
        assertThat(Topics.SLA_POLICIES.keyOf(decoded)).isEqualTo("voice-gold");
    }

    @Test
    void policyWithoutScopeMatchesAnythingAndDeletionNeedsNoThreshold() {
        SlaPolicy any =
                SlaPolicy.of(
                        "e", "acme", T, "test", "p", SlaKind.HOLD, null, null, null, 120, null);
        assertThat(any.violations()).isEmpty();

        SlaPolicy withdrawn =
                new SlaPolicy(
                        1,
                        "e2",
                        "acme",
                        T,
                        "test",
                        "p",
                        SlaKind.HOLD,
                        null,
                        null,
                        null,
                        0,
                        null,
                        true,
                        null);
        assertThat(withdrawn.violations()).isEmpty();
        assertThat(any.deletion("e3", T + 1).deleted()).isTrue();
    }

    @Test
    void invalidPolicyListsEveryViolation() {
        String json =
                Topics.SLA_POLICIES
                        .serde()
                        .toJson(policy())
                        .replace("\"thresholdSeconds\":10", "\"thresholdSeconds\":0")
                        .replace("\"warningFraction\":0.75", "\"warningFraction\":1.5")
                        .replace("\"priority\":2", "\"priority\":-1");

        assertThatThrownBy(() -> Topics.SLA_POLICIES.serde().fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("thresholdSeconds must be 1..")
                .hasMessageContaining("warningFraction must be between 0 and 1")
                .hasMessageContaining("priority must not be negative");
    }

    @Test
    void policyWithAnUnknownKindIsRejected() {
        String json = Topics.SLA_POLICIES.serde().toJson(policy()).replace("ANSWER", "TELEPATHY");

        assertThatThrownBy(() -> Topics.SLA_POLICIES.serde().fromJson(json))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("TELEPATHY");
    }

    @Test
    void slaEventRoundTripsAndIsKeyedBySubject() {
        SlaEvent event = breach();

        SlaEvent decoded =
                Topics.SLA_EVENTS.serde().deserialize(Topics.SLA_EVENTS.serde().serialize(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(Topics.SLA_EVENTS.keyOf(decoded)).isEqualTo("c1");
    }

    @Test
    void cancelledNeedsAReasonAndAgentClocksNeedTheAgent() {
        SlaEvent b = breach();
        SlaEvent cancelledAgentClock =
                new SlaEvent(
                        b.schemaVersion(),
                        b.eventId(),
                        SlaEventType.CANCELLED,
                        b.tenant(),
                        b.eventTime(),
                        b.source(),
                        b.clockId(),
                        SlaKind.NOT_READY,
                        b.policyId(),
                        SlaEvent.SubjectType.AGENT,
                        "a1",
                        null,
                        null,
                        null,
                        null,
                        null,
                        b.startedAt(),
                        b.thresholdMillis(),
                        -1,
                        null,
                        false);

        assertThat(cancelledAgentClock.violations())
                .containsExactlyInAnyOrder(
                        "agentId is required",
                        "elapsedMillis must not be negative",
                        "reason is required on CANCELLED");
    }
}
