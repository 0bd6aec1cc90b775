package io.ringstream.routing.core;

import static io.ringstream.routing.core.Scenario.of;
import static io.ringstream.routing.core.Scenario.onlyOffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.routing.core.RoutingEffect.StepRelaxed;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Routing steps relax as the contact waits: >= 4 for 15 s, >= 2 for 30 s, then anyone. */
class StepRelaxationTest {
    private static final QueuePolicy BILLING =
            QueuePolicy.simple("billing")
                    .withSteps(
                            RoutingStep.atLeast(4, Duration.ofSeconds(15)),
                            RoutingStep.atLeast(2, Duration.ofSeconds(30)),
                            RoutingStep.anyAgent());

    @Test
    void withTheExpertBusyTheCallRelaxesToStepTwoAfterFifteenSeconds() {
        // given the only expert busy and a proficiency-2 agent free
        Scenario s = new Scenario(BILLING);
        s.agent("expert", "billing", "billing:5", "es");
        s.answered("first", "billing", "billing:1", "es");
        s.agent("junior", "billing", "billing:2", "es");
        // when a Spanish billing call arrives
        var queued = s.call("c1", "billing", "billing:1", "es");
        // then it is not offered to the junior during step 1
        assertThat(Scenario.offers(queued)).isEmpty();
        assertThat(s.engine.nextDeadline()).hasValue(s.now + 15_000);
        assertThat(Scenario.offers(s.after(14.999))).isEmpty();
        // when step 1's 15 s are over
        var relaxed = s.after(0.001);
        // then it relaxes to step 2 and goes to the junior
        assertThat(of(StepRelaxed.class, relaxed))
                .containsExactly(new StepRelaxed("c1", "billing", 0, 1, s.now));
        Offer offer = onlyOffer(relaxed);
        assertThat(offer.agentId()).isEqualTo("junior");
        assertThat(offer.stepIndex()).isEqualTo(1);
        assertThat(Scenario.decision(relaxed).reason()).startsWith("step 2 (proficiency >= 2)");
    }

    @Test
    void theLastStepTakesAnyAgentOfTheQueueButKeepsTheLanguage() {
        Scenario s = new Scenario(BILLING);
        s.agent("sales-es", "billing", "sales:5", "es");
        s.agent("sales-en", "billing", "sales:5", "en");
        s.call("c1", "billing", "billing:1", "es");
        assertThat(Scenario.offers(s.untilNextDeadline())).isEmpty(); // step 2 at 15 s
        Offer offer = onlyOffer(s.untilNextDeadline()); // step 3 at 45 s
        assertThat(s.now).isEqualTo(Scenario.T0 + 45_000);
        assertThat(offer.agentId()).isEqualTo("sales-es");
        assertThat(s.engine.nextDeadline()).hasValue(s.now + 20_000); // only the offer timeout
    }

    @Test
    void whenEveryTimedStepHasRunOutAnyAgentOfTheQueueIsEligible() {
        QueuePolicy policy =
                QueuePolicy.simple("q").withSteps(RoutingStep.atLeast(5, Duration.ofSeconds(5)));
        Scenario s = new Scenario(policy);
        s.agent("novice", "q", "other:1", "");
        s.call("c1", "q", "x:3", null);
        Offer offer = onlyOffer(s.after(5));
        assertThat(offer.agentId()).isEqualTo("novice");
        assertThat(offer.stepIndex()).isEqualTo(1);
    }

    @Test
    void aStepCanAddAnOverflowQueueWhoseAgentsBecomeEligible() {
        QueuePolicy sales =
                QueuePolicy.simple("sales")
                        .withSteps(
                                RoutingStep.atLeast(1, Duration.ofSeconds(20)),
                                RoutingStep.contactRequirements().withOverflow("retention"));
        Scenario s = new Scenario(sales, QueuePolicy.simple("retention"));
        s.agent("retention-agent", "retention", "sales:3", "");
        assertThat(Scenario.offers(s.call("c1", "sales", "sales:1", null))).isEmpty();
        Offer offer = onlyOffer(s.after(20));
        assertThat(offer.agentId()).isEqualTo("retention-agent");
        assertThat(offer.queue()).isEqualTo("sales");
    }

    @Test
    void stepsCountFromWhenTheContactWasEnqueuedNotWhenRoutingHeardOfIt() {
        Scenario s = new Scenario(BILLING);
        s.agent("junior", "billing", "billing:2", "");
        // the PBX queued the call 20 s ago: it is already in step 2
        Offer offer =
                onlyOffer(
                        s.queue(
                                Scenario.call(
                                        "late", "billing", "billing:1", null, s.now - 20_000)));
        assertThat(offer.stepIndex()).isEqualTo(1);
    }
}
