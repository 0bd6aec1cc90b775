package io.ringstream.pbxsim.ami;

import java.time.Instant;

/**
 * Formats AMI {@code Timestamp} values: with {@code timestampevents=yes} Asterisk writes epoch
 * seconds with six decimals (microseconds), and consumers use it as the event time.
 */
public final class AmiTime {
    private AmiTime() {}

    public static String format(long epochMicros) {
        return String.format(
                "%d.%06d",
                Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L));
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }

    /** Parses a Timestamp header back to epoch microseconds; throws on malformed input. */
    public static long parseMicros(String timestamp) {
        int dot = timestamp.indexOf('.');
        if (dot < 0) {
            return Long.parseLong(timestamp) * 1_000_000L;
        }
        String fraction = (timestamp.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(timestamp.substring(0, dot)) * 1_000_000L + Long.parseLong(fraction);
    }
}
