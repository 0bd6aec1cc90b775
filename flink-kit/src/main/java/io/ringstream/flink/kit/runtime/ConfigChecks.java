package io.ringstream.flink.kit.runtime;

import java.time.Duration;

/** The argument checks every job config makes, with one wording for all of them. */
public final class ConfigChecks {
    private ConfigChecks() {}

    public static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** A non-null duration that is positive, or zero where {@code zeroAllowed}. */
    public static void requireDuration(Duration value, String name, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(
                    name + " must be " + (zeroAllowed ? ">= 0" : "> 0") + " but was " + value);
        }
    }
}
