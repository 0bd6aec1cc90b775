package io.ringstream.routing.screenpop;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.events.AssignmentType;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.IdentityMatch;
import io.ringstream.routing.live.Assignments;
import io.ringstream.routing.screenpop.CustomerCard.RecentContact;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The card's value and segment come from their own ClickHouse read: shown when there is a row, null
 * when there is none, and a failing read leaves the card without them (never a failed card), while
 * the recent contacts still come.
 */
class CustomerCardsValueTest {
    private static final String TENANT = "t";
    private static final UUID ANA = UUID.fromString("6d1f2c3a-0000-4000-8000-00000000c001");
    private static final RecentContact LAST =
            new RecentContact("k1", "VOICE", "support", null, 1L, null, null, "ENDED", null, null);

    @Test
    void theLatestRowGivesValueSegmentAndRfm() {
        CustomerCard card =
                card(
                        (tenant, id) ->
                                Optional.of(
                                        new CustomerValues.Value(
                                                new BigDecimal("152.40"),
                                                "EUR",
                                                "Champions",
                                                "545",
                                                "2026-11-30")));

        assertThat(card.lifetimeValue()).isEqualByComparingTo("152.40");
        assertThat(card.valueCurrency()).isEqualTo("EUR");
        assertThat(card.segment()).isEqualTo("Champions");
        assertThat(card.rfm()).isEqualTo("545");
        assertThat(card.lastContacts()).containsExactly(LAST);
    }

    @Test
    void noRowLeavesThemNull() {
        CustomerCard card = card(CustomerValues.NONE);

        assertThat(card.lifetimeValue()).isNull();
        assertThat(card.segment()).isNull();
        assertThat(card.rfm()).isNull();
        assertThat(card.lastContacts()).containsExactly(LAST);
    }

    @Test
    void aFailingReadLeavesTheCardWithoutThem() {
        CustomerCard card =
                card(
                        (tenant, id) -> {
                            throw new IllegalStateException("cannot read: connection refused");
                        });

        assertThat(card.customerId()).isEqualTo(ANA.toString());
        assertThat(card.displayName()).isEqualTo("Ana");
        assertThat(card.lifetimeValue()).isNull();
        assertThat(card.segment()).isNull();
        assertThat(card.lastContacts()).containsExactly(LAST);
    }

    private static CustomerCard card(CustomerValues values) {
        CustomerCards cards =
                new CustomerCards(
                        new OneCustomer(),
                        null,
                        new CustomerCardStore(null) {
                            @Override
                            public Optional<CustomerCard> card(String tenant, UUID customerId) {
                                return Optional.of(
                                        CustomerCard.of(
                                                customerId.toString(),
                                                "Ana",
                                                "gold",
                                                List.of(),
                                                List.of(),
                                                List.of()));
                            }
                        },
                        (tenant, ids, excluded, limit) -> List.of(LAST),
                        values,
                        Executors.newCachedThreadPool(),
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(1),
                        InstantSource.system());
        return cards.cardFor(
                        Assignments.of(
                                AssignmentType.OFFERED, TENANT, "o1", "c1", "a1", ANA.toString()))
                .join();
    }

    /** Knows Ana only. */
    private static final class OneCustomer implements CustomerResolver {
        @Override
        public Optional<UUID> resolveId(String tenant, UUID id) {
            return ANA.equals(id) ? Optional.of(ANA) : Optional.empty();
        }

        @Override
        public IdentityMatch find(
                String tenant, io.ringstream.customers.identity.IdentityKind kind, String raw) {
            throw new UnsupportedOperationException();
        }

        @Override
        public IdentityMatch findOrCreate(
                String tenant,
                io.ringstream.customers.identity.IdentityKind kind,
                String raw,
                String actor,
                String displayName) {
            throw new UnsupportedOperationException();
        }
    }
}
