package io.ringstream.flink.conversion;

import io.ringstream.flink.kit.runtime.ConfigChecks;
import io.ringstream.flink.kit.runtime.JobVariables;
import io.ringstream.flink.kit.time.EventTime;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the conversion job tracks funnels and scores customers, apart from where it reads and writes.
 *
 * @param eventTime out-of-orderness (5 s) and the silence after which a partition is idle (30 s)
 * @param advanceWhenSilent keep event time moving with the wall clock through silence (true), so
 *     funnel state of customers whose windows ended is cleared in a quiet contact center; false
 *     gives exactly repeatable watermarks, for tests
 * @param funnelLateness how far behind a customer's newest event another of their events may arrive
 *     and still be applied in order (1 h); an older one is counted and left out of the live funnel
 *     (docs/funnels.md)
 * @param statsRefresh a changed {@code funnel_stats} day is written at most this often (2 s)
 * @param unknownCustomerGrace a business event for a customer no customer change has named waits
 *     this long (processing time) for one before it is dead-lettered (60 s)
 * @param rescoreDelay after a booking, a tenant's RFM scores are recomputed this much later, so a
 *     burst of bookings is one rescoring (2 s)
 * @param refitInterval a tenant's BG/NBD and Gamma-Gamma models are refitted at most this often
 *     while bookings arrive (1 h)
 * @param rfmSegments the RFM segment table in its text format ({@code RfmSegmentTable}); null for
 *     the default table
 */
public record ConversionSettings(
        EventTime eventTime,
        boolean advanceWhenSilent,
        Duration funnelLateness,
        Duration statsRefresh,
        Duration unknownCustomerGrace,
        Duration rescoreDelay,
        Duration refitInterval,
        String rfmSegments)
        implements Serializable {

    public static final String ENV_FUNNEL_LATENESS_SECONDS = "RINGSTREAM_FUNNEL_LATENESS_SECONDS";
    public static final String ENV_UNKNOWN_CUSTOMER_GRACE_SECONDS =
            "RINGSTREAM_UNKNOWN_CUSTOMER_GRACE_SECONDS";
    public static final String ENV_VALUE_REFIT_SECONDS = "RINGSTREAM_VALUE_REFIT_SECONDS";

    /** A file in the RFM segment table's text format, replacing the default table. */
    public static final String ENV_RFM_SEGMENTS_FILE = "RINGSTREAM_RFM_SEGMENTS_FILE";

    public ConversionSettings {
        Objects.requireNonNull(eventTime, "eventTime");
        ConfigChecks.requireDuration(funnelLateness, "funnelLateness", true);
        ConfigChecks.requireDuration(statsRefresh, "statsRefresh", false);
        ConfigChecks.requireDuration(unknownCustomerGrace, "unknownCustomerGrace", true);
        ConfigChecks.requireDuration(rescoreDelay, "rescoreDelay", false);
        ConfigChecks.requireDuration(refitInterval, "refitInterval", false);
    }

    public static ConversionSettings defaults() {
        return new ConversionSettings(
                EventTime.DEFAULT,
                true,
                Duration.ofHours(1),
                Duration.ofSeconds(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(2),
                Duration.ofHours(1),
                null);
    }

    /**
     * Reads {@code RINGSTREAM_FUNNEL_LATENESS_SECONDS}, {@code
     * RINGSTREAM_UNKNOWN_CUSTOMER_GRACE_SECONDS}, {@code RINGSTREAM_VALUE_REFIT_SECONDS} and {@code
     * RINGSTREAM_RFM_SEGMENTS_FILE}; the rest keep their defaults.
     *
     * @throws IllegalArgumentException naming the malformed variable
     */
    public static ConversionSettings from(JobVariables variables) {
        ConversionSettings d = defaults();
        return new ConversionSettings(
                d.eventTime,
                d.advanceWhenSilent,
                variables.seconds(ENV_FUNNEL_LATENESS_SECONDS).orElse(d.funnelLateness),
                d.statsRefresh,
                variables
                        .seconds(ENV_UNKNOWN_CUSTOMER_GRACE_SECONDS)
                        .orElse(d.unknownCustomerGrace),
                d.rescoreDelay,
                variables.seconds(ENV_VALUE_REFIT_SECONDS).orElse(d.refitInterval),
                variables.parsed(ENV_RFM_SEGMENTS_FILE, ConversionSettings::read).orElse(null));
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Exactly repeatable event time: silent partitions go idle instead of following the clock. */
    public ConversionSettings repeatable() {
        return new ConversionSettings(
                eventTime,
                false,
                funnelLateness,
                statsRefresh,
                unknownCustomerGrace,
                rescoreDelay,
                refitInterval,
                rfmSegments);
    }

    public ConversionSettings withFunnelLateness(Duration lateness) {
        return new ConversionSettings(
                eventTime,
                advanceWhenSilent,
                lateness,
                statsRefresh,
                unknownCustomerGrace,
                rescoreDelay,
                refitInterval,
                rfmSegments);
    }

    public ConversionSettings withUnknownCustomerGrace(Duration grace) {
        return new ConversionSettings(
                eventTime,
                advanceWhenSilent,
                funnelLateness,
                statsRefresh,
                grace,
                rescoreDelay,
                refitInterval,
                rfmSegments);
    }

    public ConversionSettings withRefitInterval(Duration every) {
        return new ConversionSettings(
                eventTime,
                advanceWhenSilent,
                funnelLateness,
                statsRefresh,
                unknownCustomerGrace,
                rescoreDelay,
                every,
                rfmSegments);
    }
}
