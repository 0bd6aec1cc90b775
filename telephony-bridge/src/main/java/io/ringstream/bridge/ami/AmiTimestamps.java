package io.ringstream.bridge.ami;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Converts AMI {@code Timestamp} values (epoch seconds with microseconds, parsed by Asterisk-Java
 * into a Double) without binary-fraction surprises: via the shortest decimal form of the double.
 */
final class AmiTimestamps {
    private AmiTimestamps() {}

    /** Epoch milliseconds, truncating the sub-millisecond part. */
    static long toMillis(double timestamp) {
        return BigDecimal.valueOf(timestamp)
                .movePointRight(3)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }

    /** The value as Asterisk writes it ({@code 1715677200.000042}), for ids and dead letters. */
    static String canonical(double timestamp) {
        return BigDecimal.valueOf(timestamp).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
