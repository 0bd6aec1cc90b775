package io.ringstream.analytics.kpi;

/** The two windows per-agent KPIs ({@code agent_kpis}) are reported over. */
public enum AgentWindowKind {
    /** The reporting interval (15 minutes by default), aligned like {@code queue_kpis}'. */
    INTERVAL("interval"),
    /** The UTC day: what the wallboard's agent table shows. */
    DAY("day");

    private final String label;

    AgentWindowKind(String label) {
        this.label = label;
    }

    /** The value of the {@code window_kind} column. */
    public String label() {
        return label;
    }
}
