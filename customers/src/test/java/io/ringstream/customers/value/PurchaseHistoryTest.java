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

    @Test
    void theWrittenRowsFiguresAndSegmentHistoryAreKeptAndAnsweredByDay() {
        PurchaseHistory h = PurchaseHistory.empty().add(D, 1_000);
        h.written(1, D, row("New Customers", 10.0, null));
        h.written(2, D, row("Promising", 10.0, null)); // the day's last row is the day's
        h.written(3, D + 5, row("Promising", 10.0, 0.5)); // same segment: no change recorded
        h.written(4, D + 9, row("At Risk", 12.0, 0.25));

        assertThat(h.segmentAt(D - 1)).as("no row yet").isNull();
        assertThat(h.segmentAt(D)).isEqualTo("Promising");
        assertThat(h.segmentAt(D + 8)).isEqualTo("Promising");
        assertThat(h.segmentAt(D + 9)).isEqualTo("At Risk");
        assertThat(h.writtenRow()).contains(row("At Risk", 12.0, 0.25));
        assertThat(h.rowVersion()).isEqualTo(4);
        assertThat(PurchaseHistory.fromBytes(h.toBytes())).isEqualTo(h);

        h.forgetSegmentsBefore(D + 3);
        assertThat(h.segmentAt(D + 3))
                .as("the change before the day is kept")
                .isEqualTo("Promising");
        h.forgetSegmentsBefore(D + 20);
        assertThat(h.segmentAt(D + 20)).isEqualTo("At Risk");
        assertThat(h.segmentAt(D + 8)).as("forgotten").isNull();
    }

    /**
     * A history stored before day summaries (format 1) reads with its purchases and version; its
     * digest is forgotten, so the next rescoring writes the row again with figures, and the segment
     * then counts from the first purchase day.
     */
    @Test
    void aFormatOneHistoryIsReadAndRewrittenAtTheNextRescoring() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.write(1); // format 1
        bytes.write(3); // row version 3
        bytes.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, 0, 42}); // digest 42
        bytes.write(1); // one day
        long zigZag = D << 1;
        while ((zigZag & ~0x7FL) != 0) {
            bytes.write((int) ((zigZag & 0x7F) | 0x80));
            zigZag >>>= 7;
        }
        bytes.write((int) zigZag);
        bytes.write(100); // 100 minor units

        PurchaseHistory old = PurchaseHistory.fromBytes(bytes.toByteArray());

        assertThat(old.totalMinor()).isEqualTo(100);
        assertThat(old.rowVersion()).isEqualTo(3);
        assertThat(old.rowDigest()).as("written again").isZero();
        assertThat(old.writtenRow()).isEmpty();
        assertThat(old.written(7, D + 30, row("Champions", 1.0, null))).isEqualTo(4);
        assertThat(old.segmentAt(D)).isEqualTo("Champions");
    }

    private static PurchaseHistory.WrittenRow row(String segment, double total, Double alive) {
        return new PurchaseHistory.WrittenRow(segment, total, null, alive, alive);
    }
}
