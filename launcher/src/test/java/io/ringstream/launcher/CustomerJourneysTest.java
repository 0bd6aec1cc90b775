package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.BusinessEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The demo booking system's journeys: what each answered call of a returning caller reports. */
class CustomerJourneysTest {
    private static final String NUMBER = "+442079460007";

    @Test
    void aFirstCallReportsNothingAndTheSecondOpensALead() {
        CustomerJourneys journeys = new CustomerJourneys(1);

        assertThat(journeys.answeredCall(NUMBER, "sales", "c1")).isEmpty();
        Optional<CustomerJourneys.Step> second = journeys.answeredCall(NUMBER, "sales", "c2");

        assertThat(second).isPresent();
        assertThat(second.get().request().type()).isEqualTo(BusinessEventType.LEAD_CREATED);
        assertThat(second.get().request().identity().value()).isEqualTo(NUMBER);
        assertThat(second.get().request().sourceChannel()).isEqualTo("voice");
        assertThat(second.get().request().contactId()).isEqualTo("c2");
    }

    @Test
    void noStepFollowsALeadUntilItsCreationIsAnswered() {
        CustomerJourneys journeys = new CustomerJourneys(1);
        journeys.answeredCall(NUMBER, "sales", "c1");
        journeys.answeredCall(NUMBER, "sales", "c2");

        assertThat(journeys.answeredCall(NUMBER, "sales", "c3")).isEmpty();

        journeys.leadFailed(NUMBER);
        assertThat(journeys.answeredCall(NUMBER, "sales", "c4").orElseThrow().request().type())
                .isEqualTo(BusinessEventType.LEAD_CREATED);
    }

    @Test
    void aWonJourneyQuotesBooksAndPaysTheSameAmountThenOpensANewLead() {
        List<CustomerJourneys.Step> steps = new ArrayList<>();
        // Seeds differ in whether the quote is lost; find one that wins the first cycle.
        for (long seed = 0; steps.isEmpty() || steps.size() < 4; seed++) {
            steps.clear();
            CustomerJourneys journeys = new CustomerJourneys(seed);
            journeys.answeredCall(NUMBER, "sales", "c1");
            steps.add(journeys.answeredCall(NUMBER, "sales", "c2").orElseThrow());
            journeys.leadCreated(NUMBER, "lead-1");
            CustomerJourneys.Step quote =
                    journeys.answeredCall(NUMBER, "sales", "c3").orElseThrow();
            if ("LOST".equals(quote.request().stage())) {
                continue;
            }
            steps.add(quote);
            steps.add(journeys.answeredCall(NUMBER, "sales", "c4").orElseThrow());
            steps.add(journeys.answeredCall(NUMBER, "sales", "c5").orElseThrow());
            steps.add(journeys.answeredCall(NUMBER, "sales", "c6").orElseThrow());
        }

        assertThat(steps)
                .extracting(s -> s.request().type())
                .containsExactly(
                        BusinessEventType.LEAD_CREATED,
                        BusinessEventType.STAGE_CHANGED,
                        BusinessEventType.BOOKING_MADE,
                        BusinessEventType.PAYMENT_COMPLETED,
                        BusinessEventType.LEAD_CREATED);
        assertThat(steps.get(1).request().stage()).isEqualTo("QUOTED");
        assertThat(steps.get(2).request().leadId()).isEqualTo("lead-1");
        assertThat(steps.get(2).request().amount())
                .isEqualTo(steps.get(3).request().amount())
                .matches("\\d+\\.00");
        assertThat(steps).extracting(CustomerJourneys.Step::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    void aboutOneQuoteInFourIsLostWithAReasonAndTheNextCallOpensANewLead() {
        CustomerJourneys journeys = new CustomerJourneys(3);
        int lost = 0;
        int callers = 400;
        for (int i = 0; i < callers; i++) {
            String number = String.format("+44207946%04d", i);
            journeys.answeredCall(number, "sales", "a" + i);
            journeys.answeredCall(number, "sales", "b" + i);
            journeys.leadCreated(number, "lead-" + i);
            CustomerJourneys.Step quote =
                    journeys.answeredCall(number, "sales", "c" + i).orElseThrow();
            if ("LOST".equals(quote.request().stage())) {
                lost++;
                assertThat(quote.request().attributes()).containsKey("lostReason");
                assertThat(
                                journeys.answeredCall(number, "sales", "d" + i)
                                        .orElseThrow()
                                        .request()
                                        .type())
                        .isEqualTo(BusinessEventType.LEAD_CREATED);
            }
        }
        // 100 expected; a binomial's 4 sigma is about 35.
        assertThat(lost).isBetween(65, 135);
    }
}
