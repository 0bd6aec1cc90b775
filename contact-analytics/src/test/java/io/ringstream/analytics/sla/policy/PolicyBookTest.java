package io.ringstream.analytics.sla.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.Channel;
import io.ringstream.events.SlaKind;
import io.ringstream.events.SlaPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which policy a clock runs against: most specific first, then defaults. */
class PolicyBookTest {
    private static final long T = 1_709_287_200_000L;
    private final PolicyBook book =
            new PolicyBook(new DefaultPolicies(queue -> queue.equals("support") ? 30 : 20, 0.8));

    private static SlaPolicy policy(
            String id,
            String tenant,
            SlaKind kind,
            String queue,
            Channel channel,
            Integer priority,
            long seconds,
            long at) {
        return SlaPolicy.of(
                id + at, tenant, at, "test", id, kind, queue, channel, priority, seconds, null);
    }

    private static ClockScope voice(String queue, Integer priority) {
        return new ClockScope("acme", SlaKind.ANSWER, queue, Channel.VOICE, priority);
    }

    @Test
    void theMostSpecificMatchWinsQueueOverChannelOverPriority() {
        List<SlaPolicy> policies =
                List.of(
                        policy("any", "acme", SlaKind.ANSWER, null, null, null, 60, T),
                        policy("voice", "acme", SlaKind.ANSWER, null, Channel.VOICE, null, 50, T),
                        policy("gold", "acme", SlaKind.ANSWER, null, null, 2, 40, T),
                        policy("sales", "acme", SlaKind.ANSWER, "sales", null, null, 30, T),
                        policy("sales-gold", "acme", SlaKind.ANSWER, "sales", null, 2, 10, T));

        assertThat(book.resolve(policies, voice("sales", 2)).policyId()).isEqualTo("sales-gold");
        assertThat(book.resolve(policies, voice("sales", 1)).policyId()).isEqualTo("sales");
        assertThat(book.resolve(policies, voice("other", null)).policyId()).isEqualTo("voice");
        assertThat(book.resolve(policies, voice("other", 2)).policyId()).isEqualTo("voice");
        assertThat(
                        book.resolve(
                                        policies,
                                        new ClockScope(
                                                "acme", SlaKind.ANSWER, "other", Channel.CHAT, 2))
                                .policyId())
                .isEqualTo("gold");
        assertThat(book.resolve(policies, voice("sales", 2)).thresholdMillis()).isEqualTo(10_000);
    }

    @Test
    void tiesGoToTheNewestThenToTheSmallestId() {
        List<SlaPolicy> policies =
                List.of(
                        policy("b", "acme", SlaKind.HOLD, "sales", null, null, 60, T),
                        policy("a", "acme", SlaKind.HOLD, "sales", null, null, 70, T),
                        policy("c", "acme", SlaKind.HOLD, "sales", null, null, 80, T - 1));
        ClockScope hold = new ClockScope("acme", SlaKind.HOLD, "sales", Channel.VOICE, null);

        assertThat(book.resolve(policies, hold).policyId()).isEqualTo("a");
        assertThat(
                        book.resolve(
                                        List.of(
                                                policies.get(2),
                                                policy(
                                                        "d",
                                                        "acme",
                                                        SlaKind.HOLD,
                                                        "sales",
                                                        null,
                                                        null,
                                                        90,
                                                        T + 5)),
                                        hold)
                                .policyId())
                .isEqualTo("d");
    }

    @Test
    void otherTenantsKindsAndWithdrawnPoliciesNeverMatch() {
        List<SlaPolicy> policies =
                List.of(
                        policy("other-tenant", "globex", SlaKind.ANSWER, null, null, null, 5, T),
                        policy("other-kind", "acme", SlaKind.HOLD, null, null, null, 5, T),
                        policy("withdrawn", "acme", SlaKind.ANSWER, null, null, null, 5, T)
                                .deletion("d", T + 1));

        ResolvedPolicy resolved = book.resolve(policies, voice("support", null));

        assertThat(resolved.policyId()).isEqualTo("default:ANSWER:VOICE");
        assertThat(resolved.thresholdMillis()).as("the queue's SL threshold").isEqualTo(30_000);
        assertThat(resolved.warnAfterMillis()).isEqualTo(24_000);
    }

    @Test
    void defaultsCoverEachKindWhereItMakesSense() {
        assertThat(
                        book.resolve(
                                List.of(),
                                new ClockScope(
                                        "acme", SlaKind.ANSWER, "sales", Channel.CHAT, null)))
                .as("chat waits are first-response clocks")
                .isNull();
        assertThat(
                        book.resolve(
                                        List.of(),
                                        new ClockScope(
                                                "acme",
                                                SlaKind.FIRST_RESPONSE,
                                                "q",
                                                Channel.CHAT,
                                                null))
                                .thresholdMillis())
                .isEqualTo(60_000);
        assertThat(
                        book.resolve(
                                List.of(),
                                new ClockScope(
                                        "acme", SlaKind.FIRST_RESPONSE, "q", Channel.VOICE, null)))
                .isNull();
        assertThat(
                        book.resolve(
                                        List.of(),
                                        new ClockScope(
                                                "acme",
                                                SlaKind.RESOLUTION,
                                                null,
                                                Channel.EMAIL,
                                                null))
                                .thresholdMillis())
                .isEqualTo(72 * 3_600_000L);
        assertThat(
                        book.resolve(
                                        List.of(),
                                        new ClockScope("acme", SlaKind.NOT_READY, null, null, null))
                                .thresholdMillis())
                .isEqualTo(15 * 60_000L);
        assertThat(
                        book.resolve(
                                        List.of(),
                                        new ClockScope(
                                                "acme", SlaKind.HOLD, "q", Channel.CHAT, null))
                                .thresholdMillis())
                .isEqualTo(120_000);
    }

    @Test
    void aPolicyWithoutAWarningFractionUsesTheDefault() {
        SlaPolicy half =
                SlaPolicy.of("e", "acme", T, "t", "half", SlaKind.HOLD, null, null, null, 100, 0.5);
        SlaPolicy plain = policy("plain", "acme", SlaKind.WRAP_UP, null, null, null, 100, T);

        assertThat(
                        book.resolve(
                                        List.of(half),
                                        new ClockScope("acme", SlaKind.HOLD, "q", null, null))
                                .warnAfterMillis())
                .isEqualTo(50_000);
        assertThat(
                        book.resolve(
                                        List.of(plain),
                                        new ClockScope("acme", SlaKind.WRAP_UP, "q", null, null))
                                .warnAfterMillis())
                .isEqualTo(80_000);
    }
}
