package io.ringstream.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.FunnelDefinition.Attribution;
import io.ringstream.events.FunnelDefinition.EventKind;
import io.ringstream.events.FunnelDefinition.OrderMode;
import io.ringstream.events.FunnelDefinition.Step;
import io.ringstream.events.serde.EventSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunnelDefinitionTest {

    private static FunnelDefinition funnel(List<Step> steps, long windowMillis) {
        return new FunnelDefinition(
                RingstreamEvent.CURRENT_SCHEMA_VERSION,
                "f-1",
                Tenants.DEFAULT,
                1_700_000_000_000L,
                "admin",
                "demo",
                "Demo",
                steps,
                windowMillis,
                OrderMode.ORDERED,
                Attribution.LAST_TOUCH,
                true);
    }

    private static final List<Step> TWO =
            List.of(
                    Step.business("lead", BusinessEventType.LEAD_CREATED),
                    Step.contact("answered", ContactEventType.ANSWERED));

    @Test
    void aWellFormedFunnelHasNoViolations() {
        assertThat(funnel(TWO, 1000).violations()).isEmpty();
        assertThat(funnel(TWO, 1000).key()).isEqualTo("demo");
    }

    @Test
    void noStepsIsAViolation() {
        assertThat(funnel(List.of(), 1000).violations()).containsExactly("steps must not be empty");
        assertThat(funnel(null, 1000).violations()).containsExactly("steps must not be empty");
    }

    @Test
    void moreThanTwentyStepsIsAViolation() {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            steps.add(Step.business("s" + i, BusinessEventType.BOOKING_MADE));
        }
        assertThat(funnel(steps, 1000).violations()).containsExactly("at most 20 steps, got 21");
    }

    @Test
    void listsEveryProblemAtOnce() {
        List<Step> steps =
                List.of(
                        new Step("lead", EventKind.BUSINESS, "LEAD_MADE", null, Map.of()),
                        new Step("lead", EventKind.CONTACT, "BOOKING_MADE", null, Map.of()),
                        new Step(" ", EventKind.CONTACT, "ANSWERED", "QUOTED", Map.of(" ", "x")),
                        new Step("x", null, "", null, null));
        FunnelDefinition bad =
                new FunnelDefinition(
                        1, "f-1", "default", 5, "admin", " ", "", steps, 0, null, null, true);
        assertThat(bad.violations())
                .containsExactlyInAnyOrder(
                        "funnelId is required",
                        "name is required",
                        "orderMode is required",
                        "attribution is required",
                        "windowMillis must be 1..31622400000, got 0",
                        "steps[0]: unknown BUSINESS event type 'LEAD_MADE'",
                        "steps[1]: duplicate step name 'lead'",
                        "steps[1]: unknown CONTACT event type 'BOOKING_MADE'",
                        "steps[2].name is required",
                        "steps[2].stage is only for BUSINESS STAGE_CHANGED",
                        "steps[2].attributes: a name is blank",
                        "steps[3].kind is required",
                        "steps[3].eventType is required");
    }

    @Test
    void windowMustBePositiveAndAtMostAYear() {
        assertThat(funnel(TWO, -5).violations()).hasSize(1);
        assertThat(funnel(TWO, Duration.ofDays(367).toMillis()).violations()).hasSize(1);
        assertThat(funnel(TWO, Duration.ofDays(366).toMillis()).violations()).isEmpty();
    }

    @Test
    void stageFilterOnlyOnStageChanged() {
        assertThat(funnel(List.of(Step.stage("quoted", "QUOTED")), 1).violations()).isEmpty();
        assertThat(funnel(List.of(Step.stage("quoted", " ")), 1).violations())
                .containsExactly("steps[0].stage must be null (any) or not blank");
    }

    @Test
    void roundTripsThroughJson() {
        FunnelDefinition f =
                funnel(
                        List.of(
                                new Step(
                                        "web lead",
                                        EventKind.BUSINESS,
                                        "LEAD_CREATED",
                                        null,
                                        Map.of("sourceChannel", "web-form")),
                                Step.stage("quoted", "QUOTED")),
                        86_400_000L);
        EventSerde<FunnelDefinition> serde = EventSerde.of(FunnelDefinition.class);
        assertThat(serde.deserialize(serde.serialize(f))).isEqualTo(f);
    }
}
