package io.ringstream.flink.conversion.value;

import static io.ringstream.flink.conversion.value.ValueFixtures.booking;
import static io.ringstream.flink.conversion.value.ValueFixtures.change;
import static io.ringstream.flink.conversion.value.ValueFixtures.created;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.BusinessEvent;
import io.ringstream.events.CustomerChange;
import io.ringstream.events.CustomerChangeType;
import io.ringstream.events.DeadLetter;
import io.ringstream.events.topics.Components;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The customer gate in processing time: known customers pass, an unknown one's events wait the
 * grace and are dead-lettered once, a change within the grace releases them, erased and merged
 * customers are refused and redirected, and no waiting state is left behind.
 */
class CustomerGateFunctionTest {
    private static final String T = "acme";
    private static final long T0 = 1_760_000_000_000L;
    private static final Duration GRACE = Duration.ofSeconds(60);

    private KeyedTwoInputStreamOperatorTestHarness<
                    String, BusinessEvent, CustomerChange, BusinessEvent>
            harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new KeyedCoProcessOperator<>(new CustomerGateFunction(GRACE)),
                        e -> CustomerGate.key(e.tenant(), e.customerId()),
                        c -> CustomerGate.key(c.tenant(), c.customerId()),
                        Types.STRING);
        harness.setProcessingTime(T0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(BusinessEvent e) throws Exception {
        harness.processElement1(new StreamRecord<>(e));
    }

    private void send(CustomerChange c) throws Exception {
        harness.processElement2(new StreamRecord<>(c));
    }

    private List<BusinessEvent> passed() {
        return harness.extractOutputValues();
    }

    private List<DeadLetter> letters() {
        var side = harness.getSideOutput(CustomerGate.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aKnownCustomersEventsPassAtOnce() throws Exception {
        send(created(T, "c1"));
        BusinessEvent b = booking(T, "c1", T0, 5_000, "EUR");
        send(b);

        assertThat(passed()).containsExactly(b);
        assertThat(letters()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void anEventRoutingServicePublishedPassesAtOnceButAnErasureStillApplies() throws Exception {
        BusinessEvent vouched = fromRoutingService(booking(T, "older", T0, 5_000, "EUR"));
        send(vouched);

        assertThat(passed()).containsExactly(vouched);
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();

        send(change(CustomerChangeType.ERASED, T, "older", null));
        send(fromRoutingService(booking(T, "older", T0 + 1, 6_000, "EUR")));
        assertThat(passed()).containsExactly(vouched);
        assertThat(letters())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("customer-erased"));
    }

    private static BusinessEvent fromRoutingService(BusinessEvent e) {
        return new BusinessEvent(
                e.schemaVersion(),
                e.eventId(),
                e.type(),
                e.tenant(),
                e.customerId(),
                e.contactId(),
                e.eventTime(),
                Components.ROUTING_SERVICE,
                e.leadId(),
                e.stage(),
                e.amountMinor(),
                e.currency(),
                e.attributes());
    }

    @Test
    void anUnknownCustomersEventsAreDeadLetteredOnceWhenTheGraceEnds() throws Exception {
        BusinessEvent b1 = booking(T, "ghost", T0, 5_000, "EUR");
        BusinessEvent b2 = booking(T, "ghost", T0 + 1, 7_000, "EUR");
        send(b1);
        send(b2);
        harness.setProcessingTime(T0 + GRACE.toMillis() - 1);
        assertThat(letters()).isEmpty();

        harness.setProcessingTime(T0 + GRACE.toMillis());
        harness.setProcessingTime(T0 + 10 * GRACE.toMillis());

        assertThat(passed()).isEmpty();
        assertThat(letters()).hasSize(2);
        DeadLetter first = letters().get(0);
        assertThat(first.reason())
                .isEqualTo(
                        "unknown-customer: no customer change named customer ghost of tenant acme"
                                + " within 60 s");
        assertThat(first.component()).isEqualTo(Components.CONVERSION_JOB);
        assertThat(first.origin()).isEqualTo(DeadLetter.Origin.KAFKA);
        assertThat(first.payload()).contains("\"customerId\":\"ghost\"", "\"amountMinor\":5000");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("nothing waits any more").isZero();
    }

    @Test
    void aChangeWithinTheGraceReleasesTheWaitingEventsInOrder() throws Exception {
        BusinessEvent b1 = booking(T, "late", T0, 5_000, "EUR");
        BusinessEvent b2 = booking(T, "late", T0 + 1, 7_000, "EUR");
        send(b1);
        send(b2);
        harness.setProcessingTime(T0 + 30_000);

        send(created(T, "late"));
        harness.setProcessingTime(T0 + 10 * GRACE.toMillis());

        assertThat(passed()).containsExactly(b1, b2);
        assertThat(letters()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("only the known status").isEqualTo(1);
    }

    @Test
    void anErasedCustomersEventsAreRefusedWaitingOrNot() throws Exception {
        BusinessEvent waiting = booking(T, "gone", T0, 5_000, "EUR");
        send(waiting);
        send(change(CustomerChangeType.ERASED, T, "gone", null));
        send(booking(T, "gone", T0 + 5, 1_000, "EUR"));
        // A late update after the erasure does not bring the customer back.
        send(change(CustomerChangeType.UPDATED, T, "gone", null));
        send(booking(T, "gone", T0 + 6, 1_000, "EUR"));

        assertThat(passed()).isEmpty();
        assertThat(letters())
                .hasSize(3)
                .allSatisfy(
                        d ->
                                assertThat(d.reason())
                                        .isEqualTo(
                                                "customer-erased: customer gone of tenant acme was"
                                                        + " erased"));
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void aMergedAwayCustomersEventsAreRewrittenToTheSurvivor() throws Exception {
        send(created(T, "loser"));
        send(change(CustomerChangeType.MERGED, T, "loser", "winner"));
        send(booking(T, "loser", T0, 5_000, "EUR"));

        assertThat(passed())
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.customerId()).isEqualTo("winner");
                            assertThat(e.amountMinor()).isEqualTo(5_000);
                        });
        assertThat(letters()).isEmpty();
    }

    @Test
    void customersOfAnotherTenantAreNotKnownByTheirId() throws Exception {
        send(created("other", "c1"));
        send(booking(T, "c1", T0, 5_000, "EUR"));

        assertThat(passed()).isEmpty();
        harness.setProcessingTime(T0 + GRACE.toMillis());
        assertThat(letters()).hasSize(1);
    }
}
