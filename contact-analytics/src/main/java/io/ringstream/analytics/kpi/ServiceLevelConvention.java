package io.ringstream.analytics.kpi;

import java.util.Arrays;
import java.util.Locale;

/**
 * The three ways vendors compute service level, each named after its convention so a wallboard can
 * say which one it shows. Short abandons are excluded from all three. See docs/kpis.md.
 */
public enum ServiceLevelConvention {
    /** answered within T ÷ answered (Wazo, Asterisk ServiceLevelPerf). */
    ANSWERED_ONLY("answered-only"),
    /** answered within T ÷ (answered + abandoned) (Genesys default). */
    ABANDONS_COUNT_AGAINST("abandons-count-against"),
    /** left the queue within T (answered or abandoned) ÷ left the queue (Amazon Connect). */
    LEFT_QUEUE("left-queue");

    private final String label;

    ServiceLevelConvention(String label) {
        this.label = label;
    }

    /** The name used in configuration, table columns and docs. */
    public String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException listing the accepted names
     */
    public static ServiceLevelConvention parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (ServiceLevelConvention c : values()) {
            if (c.label.equals(wanted)) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "unknown service level convention '"
                        + text
                        + "'; use one of "
                        + Arrays.stream(values()).map(c -> c.label).toList());
    }
}
