package io.ringstream.analytics.sla.clock;

import static io.ringstream.analytics.sla.SlaFixtures.T0;
import static io.ringstream.analytics.sla.SlaFixtures.end;
import static io.ringstream.analytics.sla.SlaFixtures.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.SlaEvent;
import io.ringstream.events.SlaEventType;
import io.ringstream.events.SupervisorAlert;
import org.junit.jupiter.api.Test;

/** Verdicts carry what supervisors act on; their ids survive a replay. */
class VerdictsTest {

    @Test
    void aBreachBecomesACriticalAlertAboutTheContact() {
        SlaSignal start = start("c1", T0, 20_000, 16_000);
        SlaEvent breach = Verdicts.outcome(start, start.deadline(SignalType.BREACH_DUE));

        SupervisorAlert alert = Verdicts.alertFor(breach);

        assertThat(alert.kind()).isEqualTo(SupervisorAlert.Kind.SLA_BREACH);
        assertThat(alert.severity()).isEqualTo(SupervisorAlert.Severity.CRITICAL);
        assertThat(alert.subject()).isEqualTo("c1");
        assertThat(alert.queue()).isEqualTo("sales");
        assertThat(alert.eventTime()).isEqualTo(T0 + 20_000);
        assertThat(alert.message())
                .isEqualTo(
                        "SLA breached: Contact c1 waiting for an answer for 20 s of 20 s (sales)");
        assertThat(alert.attributes())
                .containsEntry("slaKind", "ANSWER")
                .containsEntry("thresholdSeconds", "20")
                .containsEntry("elapsedSeconds", "20")
                .containsEntry("policyId", "p-sales")
                .containsEntry("channel", "VOICE");
        assertThat(alert.violations()).isEmpty();
        assertThat(breach.violations()).isEmpty();
    }

    @Test
    void aWarningIsAWarningAlertAndMetOrCancelledRaiseNone() {
        SlaSignal start = start("c1", T0, 20_000, 16_000);
        SlaEvent warning = Verdicts.warning(start, start.deadline(SignalType.WARNING_DUE));
        SlaEvent met = Verdicts.outcome(start, end("c1", SignalType.STOP, T0 + 5_500, null));
        SlaEvent cancelled = Verdicts.outcome(start, end("c1", SignalType.CANCEL, T0 + 1, "ended"));

        assertThat(Verdicts.alertFor(warning).kind()).isEqualTo(SupervisorAlert.Kind.SLA_WARNING);
        assertThat(Verdicts.alertFor(warning).severity())
                .isEqualTo(SupervisorAlert.Severity.WARNING);
        assertThat(Verdicts.alertFor(met)).isNull();
        assertThat(Verdicts.alertFor(cancelled)).isNull();
        assertThat(met.elapsedMillis()).isEqualTo(5_500);
        assertThat(cancelled.type()).isEqualTo(SlaEventType.CANCELLED);
        assertThat(cancelled.violations()).isEmpty();
    }

    @Test
    void idsAreStableAcrossReplaysAndDistinctPerVerdict() {
        SlaSignal start = start("c1", T0, 20_000, 16_000);
        SlaEvent warning = Verdicts.warning(start, start.deadline(SignalType.WARNING_DUE));
        SlaEvent again = Verdicts.warning(start, start.deadline(SignalType.WARNING_DUE));
        SlaEvent breach = Verdicts.outcome(start, start.deadline(SignalType.BREACH_DUE));

        assertThat(again.eventId()).isEqualTo(warning.eventId());
        assertThat(breach.eventId()).isNotEqualTo(warning.eventId());
        assertThat(Verdicts.alertFor(breach).eventId()).isNotEqualTo(breach.eventId());
    }
}
