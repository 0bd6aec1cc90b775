package io.ringstream.customers.value;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One customer's purchases as a streaming job keeps them: the amount per UTC day in minor units,
 * and what was last written about the customer. Several purchases on one day are one purchase day,
 * as in {@link RepeatSummary}, so the days are all the value models and RFM need; a long history
 * costs two numbers a day, and {@link #toBytes()} stores it delta- and varint-encoded.
 *
 * <p>What was last written is kept as the row's digest, its dashboard figures ({@link WrittenRow})
 * and the days its segment changed ({@link #segmentAt}), so that a day summary ({@link
 * CustomerValueDay}) sums exactly the rows a reader of {@code customer_value} sees.
 *
 * <p>Mutable, not thread-safe: one job operator owns each instance while it handles one key.
 */
public final class PurchaseHistory {
    private static final byte FORMAT_1 = 1; // purchases, row version and digest
    private static final byte FORMAT = 2; // and the written row's figures, the segment history

    /**
     * The figures of the customer's last written row that the dashboards read.
     *
     * @param clv12m like the model outputs, null before the tenant's first fit
     */
    public record WrittenRow(
            String segment,
            double monetaryTotal,
            Double clv12m,
            Double probabilityAlive,
            Double expectedPurchases12m) {}

    private long[] days; // epoch days, ascending, distinct
    private long[] amounts; // minor units per day, >= 0
    private long rowVersion; // version of the last row written for the customer, 0 before any
    private long rowDigest; // digest of that row, so an unchanged row is not written again
    private WrittenRow written; // that row's figures; null before any (or read from format 1)
    private long[] segmentDays = new long[0]; // as_of days a written row's segment changed
    private String[] segments = new String[0]; // the segment from that day on
    private boolean historyUnknown; // rows were written before the segment history was kept

    private PurchaseHistory(long[] days, long[] amounts, long rowVersion, long rowDigest) {
        this.days = days;
        this.amounts = amounts;
        this.rowVersion = rowVersion;
        this.rowDigest = rowDigest;
    }

    /** No purchases, nothing written yet. */
    public static PurchaseHistory empty() {
        return new PurchaseHistory(new long[0], new long[0], 0, 0);
    }

    /**
     * Adds a purchase: its amount joins the day's total.
     *
     * @param amountMinor at least 0; a total past {@code Long.MAX_VALUE} stays there
     */
    public PurchaseHistory add(long epochDay, long amountMinor) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("amount must be >= 0, was " + amountMinor);
        }
        int i = Arrays.binarySearch(days, epochDay);
        if (i >= 0) {
            amounts[i] = saturatedAdd(amounts[i], amountMinor);
            return this;
        }
        int at = -i - 1;
        long[] d = new long[days.length + 1];
        long[] a = new long[amounts.length + 1];
        System.arraycopy(days, 0, d, 0, at);
        System.arraycopy(amounts, 0, a, 0, at);
        d[at] = epochDay;
        a[at] = amountMinor;
        System.arraycopy(days, at, d, at + 1, days.length - at);
        System.arraycopy(amounts, at, a, at + 1, amounts.length - at);
        days = d;
        amounts = a;
        return this;
    }

    /**
     * Folds another customer's purchases into this one (a merge: the other id was merged into this
     * one). The row version becomes the higher of the two, so this customer's next row replaces
     * whatever either wrote before.
     */
    public PurchaseHistory absorb(PurchaseHistory other) {
        for (int i = 0; i < other.days.length; i++) {
            add(other.days[i], other.amounts[i]);
        }
        rowVersion = Math.max(rowVersion, other.rowVersion);
        rowDigest = 0;
        return this;
    }

    public boolean isEmpty() {
        return days.length == 0;
    }

    /** How many distinct days with a purchase. */
    public int purchaseDays() {
        return days.length;
    }

    /** The first purchase day; only with purchases. */
    public LocalDate firstDay() {
        return LocalDate.ofEpochDay(days[0]);
    }

    /** The last purchase day; only with purchases. */
    public LocalDate lastDay() {
        return LocalDate.ofEpochDay(days[days.length - 1]);
    }

    /** All purchases together, in minor units. */
    public long totalMinor() {
        long total = 0;
        for (long a : amounts) {
            total = saturatedAdd(total, a);
        }
        return total;
    }

    /** One {@link DatedPurchase} per day, amounts in major units ({@code fractionDigits} of 10). */
    public List<DatedPurchase> purchases(int fractionDigits) {
        List<DatedPurchase> out = new ArrayList<>(days.length);
        for (int i = 0; i < days.length; i++) {
            out.add(
                    new DatedPurchase(
                            LocalDate.ofEpochDay(days[i]), major(amounts[i], fractionDigits)));
        }
        return out;
    }

    /** The customer's BG/NBD and Gamma-Gamma summary at {@code asOf}, by {@link RepeatSummary}. */
    public Optional<RepeatSummary> summary(LocalDate asOf, int fractionDigits) {
        return RepeatSummary.of(purchases(fractionDigits), asOf);
    }

    /** Minor units to major: 12050 with 2 digits is 120.5. */
    public static double major(long minor, int fractionDigits) {
        return BigDecimal.valueOf(minor).movePointLeft(Math.max(fractionDigits, 0)).doubleValue();
    }

    public long rowVersion() {
        return rowVersion;
    }

    public long rowDigest() {
        return rowDigest;
    }

    /**
     * Records that a row with this digest is being written.
     *
     * @return the row's version: one more than the last
     */
    public long written(long digest) {
        rowDigest = digest;
        return ++rowVersion;
    }

    /**
     * Records that a row with this digest and these figures is being written as of {@code
     * asOfEpochDay}; its segment joins the segment history when it differs from the last one.
     *
     * @return the row's version: one more than the last
     */
    public long written(long digest, long asOfEpochDay, WrittenRow row) {
        int n = segmentDays.length;
        if (n == 0 && historyUnknown && days.length > 0) {
            // Rows were written before this history was kept: assume this segment since the
            // first purchase (docs/customers.md, "Day summaries").
            append(Math.min(days[0], asOfEpochDay), row.segment());
        } else if (n > 0 && segmentDays[n - 1] == asOfEpochDay) {
            segments[n - 1] = row.segment(); // the day's last row is the day's
        } else if (n == 0 || !segments[n - 1].equals(row.segment())) {
            append(asOfEpochDay, row.segment());
        }
        historyUnknown = false;
        written = row;
        return written(digest);
    }

    private void append(long day, String segment) {
        segmentDays = Arrays.copyOf(segmentDays, segmentDays.length + 1);
        segments = Arrays.copyOf(segments, segments.length + 1);
        segmentDays[segmentDays.length - 1] = day;
        segments[segments.length - 1] = segment;
    }

    /** The figures of the last row written through {@link #written(long, long, WrittenRow)}. */
    public Optional<WrittenRow> writtenRow() {
        return Optional.ofNullable(written);
    }

    /**
     * The segment of the customer's latest written row as of {@code epochDay} (its as_of at or
     * before the day); null when none was written by then.
     */
    public String segmentAt(long epochDay) {
        int i = Arrays.binarySearch(segmentDays, epochDay);
        int at = i >= 0 ? i : -i - 2;
        return at < 0 ? null : segments[at];
    }

    /**
     * Forgets segment changes no question about a day at or after {@code epochDay} needs: those
     * before the last change at or before it.
     */
    public void forgetSegmentsBefore(long epochDay) {
        int i = Arrays.binarySearch(segmentDays, epochDay);
        int keepFrom = i >= 0 ? i : -i - 2;
        if (keepFrom > 0) {
            segmentDays = Arrays.copyOfRange(segmentDays, keepFrom, segmentDays.length);
            segments = Arrays.copyOfRange(segments, keepFrom, segments.length);
        }
    }

    /**
     * The compact stored form: a format byte, the row's version and digest, delta-coded days, then
     * (format 2) the written row's figures and the delta-coded segment history.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + days.length * 4);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeVarLong(out, rowVersion);
            out.writeLong(rowDigest);
            writeVarLong(out, days.length);
            long previous = 0;
            for (int i = 0; i < days.length; i++) {
                writeVarLong(out, zigZag(days[i] - previous));
                writeVarLong(out, amounts[i]);
                previous = days[i];
            }
            out.writeBoolean(historyUnknown);
            out.writeBoolean(written != null);
            if (written != null) {
                out.writeUTF(written.segment());
                out.writeDouble(written.monetaryTotal());
                writeNullable(out, written.clv12m());
                writeNullable(out, written.probabilityAlive());
                writeNullable(out, written.expectedPurchases12m());
            }
            writeVarLong(out, segmentDays.length);
            previous = 0;
            for (int i = 0; i < segmentDays.length; i++) {
                writeVarLong(out, zigZag(segmentDays[i] - previous));
                out.writeUTF(segments[i]);
                previous = segmentDays[i];
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads {@link #toBytes()}.
     *
     * @throws IllegalArgumentException on an unknown format or truncated bytes
     */
    public static PurchaseHistory fromBytes(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte format = in.readByte();
            if (format != FORMAT && format != FORMAT_1) {
                throw new IllegalArgumentException("unknown purchase history format " + format);
            }
            long version = readVarLong(in);
            long digest = in.readLong();
            int n = Math.toIntExact(readVarLong(in));
            long[] d = new long[n];
            long[] a = new long[n];
            long previous = 0;
            for (int i = 0; i < n; i++) {
                d[i] = previous + unZigZag(readVarLong(in));
                a[i] = readVarLong(in);
                previous = d[i];
            }
            if (format == FORMAT_1) {
                // Kept before day summaries: the written figures are unknown, so the digest is
                // forgotten and the next rescoring writes the row again, with figures.
                PurchaseHistory h = new PurchaseHistory(d, a, version, 0);
                h.historyUnknown = version > 0;
                return h;
            }
            PurchaseHistory h = new PurchaseHistory(d, a, version, digest);
            h.historyUnknown = in.readBoolean();
            if (in.readBoolean()) {
                h.written =
                        new WrittenRow(
                                in.readUTF(),
                                in.readDouble(),
                                readNullable(in),
                                readNullable(in),
                                readNullable(in));
            }
            int m = Math.toIntExact(readVarLong(in));
            h.segmentDays = new long[m];
            h.segments = new String[m];
            previous = 0;
            for (int i = 0; i < m; i++) {
                h.segmentDays[i] = previous + unZigZag(readVarLong(in));
                h.segments[i] = in.readUTF();
                previous = h.segmentDays[i];
            }
            return h;
        } catch (IOException | ArithmeticException e) {
            throw new IllegalArgumentException("truncated purchase history", e);
        }
    }

    private static void writeNullable(DataOutputStream out, Double v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    private static Double readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarLong(DataOutputStream out, long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    private static long readVarLong(DataInputStream in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
        }
        throw new IOException("varint too long");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurchaseHistory p
                && Arrays.equals(days, p.days)
                && Arrays.equals(amounts, p.amounts)
                && rowVersion == p.rowVersion
                && rowDigest == p.rowDigest
                && java.util.Objects.equals(written, p.written)
                && Arrays.equals(segmentDays, p.segmentDays)
                && Arrays.equals(segments, p.segments)
                && historyUnknown == p.historyUnknown;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(days) * 31 + Arrays.hashCode(amounts);
    }

    @Override
    public String toString() {
        return "PurchaseHistory" + Arrays.toString(days) + Arrays.toString(amounts);
    }
}
