package io.ringstream.analytics.funnel;

import java.util.Comparator;
import java.util.Objects;

/**
 * The breakdown cell of a funnel episode in {@code funnel_stats}: the contact credited for the
 * episode's furthest step under the funnel's attribution rule, so every number of one episode sits
 * in exactly one cell and a cell's counts add up. "" stands for none.
 */
public record FunnelCell(String channel, String campaign, String agentId)
        implements Comparable<FunnelCell> {

    private static final Comparator<FunnelCell> ORDER =
            Comparator.comparing(FunnelCell::channel)
                    .thenComparing(FunnelCell::campaign)
                    .thenComparing(FunnelCell::agentId);

    public FunnelCell {
        channel = Objects.requireNonNullElse(channel, "");
        campaign = Objects.requireNonNullElse(campaign, "");
        agentId = Objects.requireNonNullElse(agentId, "");
    }

    @Override
    public int compareTo(FunnelCell other) {
        return ORDER.compare(this, other);
    }
}
