package io.ringstream.analytics.funnel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small binary format for funnel state kept per customer (a million customers in state): zig-zag
 * variable-length numbers and strings written once per record, later occurrences as a back
 * reference. It exists so the tracker snapshot and the job's per-customer state need neither Java
 * serialization nor Kryo, and stay a few hundred bytes. Each record that uses it starts with its
 * own format version byte.
 */
public final class CompactBytes {
    private CompactBytes() {}

    /** Writes one record; not thread-safe, one per record. */
    public static final class Writer {
        private byte[] buf = new byte[128];
        private int size;
        // Strings already written in this record, by their index; a repeat is written as index + 2.
        private final Map<String, Integer> strings = new HashMap<>();

        public Writer u8(int value) {
            ensure(1);
            buf[size++] = (byte) value;
            return this;
        }

        public Writer bool(boolean value) {
            return u8(value ? 1 : 0);
        }

        /** Non-negative ints take 1 byte up to 127. */
        public Writer varInt(int value) {
            return varLong(value);
        }

        /** Zig-zag: small magnitudes, either sign, take few bytes. */
        public Writer varLong(long value) {
            long v = (value << 1) ^ (value >> 63);
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[size++] = (byte) v;
            return this;
        }

        /** A string or null: 0 null, 1 a new string (length, UTF-8), n ≥ 2 the (n−2)th string. */
        public Writer string(String value) {
            if (value == null) {
                return varLong(0);
            }
            Integer seen = strings.get(value);
            if (seen != null) {
                return varLong(seen + 2L);
            }
            strings.put(value, strings.size());
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            varLong(1).varInt(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, buf, size, utf8.length);
            size += utf8.length;
            return this;
        }

        /** Embeds another record's bytes (length first); null allowed. */
        public Writer bytes(byte[] value) {
            if (value == null) {
                return varInt(-1);
            }
            varInt(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, buf, size, value.length);
            size += value.length;
            return this;
        }

        public byte[] toBytes() {
            return Arrays.copyOf(buf, size);
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }
    }

    /** Reads one record written by {@link Writer}, in the same order. */
    public static final class Reader {
        private final byte[] buf;
        private int pos;
        private final List<String> strings = new ArrayList<>();

        public Reader(byte[] buf) {
            this.buf = buf;
        }

        public int u8() {
            check(1);
            return buf[pos++] & 0xFF;
        }

        public boolean bool() {
            return u8() != 0;
        }

        public int varInt() {
            long v = varLong();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("corrupt state: int out of range " + v);
            }
            return (int) v;
        }

        public long varLong() {
            long v = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                check(1);
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return (v >>> 1) ^ -(v & 1);
                }
            }
            throw new IllegalArgumentException("corrupt state: number too long");
        }

        public String string() {
            long tag = varLong();
            if (tag == 0) {
                return null;
            }
            if (tag >= 2) {
                if (tag - 2 >= strings.size()) {
                    throw new IllegalArgumentException("corrupt state: string ref " + tag);
                }
                return strings.get((int) (tag - 2));
            }
            int length = varInt();
            check(length);
            String s = new String(buf, pos, length, StandardCharsets.UTF_8);
            pos += length;
            strings.add(s);
            return s;
        }

        public byte[] bytes() {
            int length = varInt();
            if (length < 0) {
                return null;
            }
            check(length);
            byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length;
            return out;
        }

        /** Whether everything was read: a codec checks it to refuse trailing garbage. */
        public boolean atEnd() {
            return pos == buf.length;
        }

        private void check(int more) {
            if (more < 0 || pos + more > buf.length) {
                throw new IllegalArgumentException("corrupt state: truncated at " + pos);
            }
        }
    }
}
