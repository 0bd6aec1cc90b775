package io.ringstream.customers.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A customer's purchases by day: same-day sums, merges, and the compact stored form. */
class PurchaseHistoryTest {
    private static final long D = LocalDate.of(2026, 3, 1).toEpochDay();

    @Test
    void purchasesOnOneDayAreOnePurchaseDayWithTheirSum() {
        PurchaseHistory h = PurchaseHistory.empty().add(D + 5, 1_000).add(D, 250).add(D + 5, 50);

        assertThat(h.purchaseDays()).isEqualTo(2);
        assertThat(h.firstDay()).isEqualTo(LocalDate.ofEpochDay(D));
        assertThat(h.lastDay()).isEqualTo(LocalDate.ofEpochDay(D + 5));
        assertThat(h.totalMinor()).isEqualTo(1_300);
        assertThat(h.purchases(2))
                .containsExactly(
                        new DatedPurchase(LocalDate.ofEpochDay(D), 2.5),
                        new DatedPurchase(LocalDate.ofEpochDay(D + 5), 10.5));
        assertThat(h.summary(LocalDate.ofEpochDay(D + 14), 2))
                .contains(new RepeatSummary(1, 5 / 7.0, 2.0, 10.5));
    }

    @Test
    void aMergeFoldsTheOtherCustomersDaysInAndKeepsTheHigherRowVersion() {
        PurchaseHistory survivor = PurchaseHistory.empty().add(D, 100);
        survivor.written(7);
        PurchaseHistory loser = PurchaseHistory.empty().add(D, 50).add(D + 1, 20);
        loser.written(1);
        loser.written(2);

        survivor.absorb(loser);

        assertThat(survivor.purchaseDays()).isEqualTo(2);
        assertThat(survivor.totalMinor()).isEqualTo(170);
        assertThat(survivor.rowVersion()).isEqualTo(2);
        assertThat(survivor.rowDigest()).as("the next row is written").isZero();
    }

    @Test
    void theStoredFormRoundTripsAndIsSmall() {
        PurchaseHistory h = PurchaseHistory.empty();
        for (int i = 0; i < 100; i++) {
            h.add(D + i * 3, 1_999 + i);
        }
        h.written(-42L);
        h.written(123_456_789L);

        byte[] bytes = h.toBytes();

        assertThat(PurchaseHistory.fromBytes(bytes)).isEqualTo(h);
        assertThat(bytes.length).as("about 3 bytes a purchase day").isLessThan(400);
        assertThat(PurchaseHistory.fromBytes(PurchaseHistory.empty().toBytes()).isEmpty()).isTrue();
    }

    @Test
    void negativeAmountsUnknownFormatsAndTruncatedBytesAreRefused() {
        assertThatThrownBy(() -> PurchaseHistory.empty().add(D, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PurchaseHistory.fromBytes(new byte[] {9}))
                .hasMessageContaining("unknown purchase history format 9");
        byte[] bytes = PurchaseHistory.empty().add(D, 5).toBytes();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertThatThrownBy(() -> PurchaseHistory.fromBytes(cut)).hasMessageContaining("truncated");
    }
}
