package io.ringstream.analytics.kpi;

/** The two windows queue KPIs are reported over. */
public enum WindowKind {
    /** Fixed reporting intervals (15 minutes by default), aligned to UTC midnight. */
    INTERVAL("interval"),
    /** The last few minutes (5 by default), advanced every minute. */
    SLIDING("sliding");

    private final String label;

    WindowKind(String label) {
        this.label = label;
    }

    /** The value of the {@code window_kind} column. */
    public String label() {
        return label;
    }
}
