package io.ringstream.flink.conversion.funnel;

import io.ringstream.analytics.funnel.CustomerFunnels.Update;
import io.ringstream.analytics.funnel.FunnelProgress;
import io.ringstream.analytics.funnel.StepHit;
import io.ringstream.analytics.funnel.Touch;
import io.ringstream.events.FunnelDefinition;
import io.ringstream.events.FunnelDefinition.Step;
import java.util.List;

/**
 * Turns the tracker's updates into what the funnel half writes: a {@code funnel_progress} row and
 * the stats operator's {@link FunnelEpisode}, crediting the furthest step under the funnel's
 * attribution rule ("" where nothing is credited).
 */
final class FunnelRows {
    private FunnelRows() {}

    static FunnelProgressRow row(Update u, String customerId, long updatedAtMillis) {
        FunnelDefinition f = u.funnel();
        String attribution = f.attribution().name();
        if (u.retraction()) {
            return new FunnelProgressRow(
                    f.tenant(),
                    f.funnelId(),
                    customerId,
                    u.episodeStart(),
                    u.episodeStart(),
                    0,
                    f.steps().size(),
                    List.of(),
                    List.of(),
                    List.of(),
                    attribution,
                    "",
                    "",
                    "",
                    "",
                    u.version(),
                    updatedAtMillis);
        }
        FunnelProgress p = u.progress();
        StepHit furthest = p.steps().get(p.stepsReached() - 1);
        Touch credited = furthest.credited(f.attribution());
        return new FunnelProgressRow(
                f.tenant(),
                f.funnelId(),
                customerId,
                p.episodeStart(),
                p.windowStart(),
                p.stepsReached(),
                p.stepCount(),
                p.steps().stream().map(StepHit::name).toList(),
                p.steps().stream().map(StepHit::time).toList(),
                p.steps().stream().map(s -> text(s.eventId())).toList(),
                attribution,
                text(furthest.campaign()),
                credited == null || credited.channel() == null ? "" : credited.channel().name(),
                credited == null ? "" : text(credited.agentId()),
                credited == null ? "" : text(credited.contactId()),
                u.version(),
                updatedAtMillis);
    }

    static FunnelEpisode episode(FunnelProgressRow row, FunnelDefinition f) {
        List<String> stepNames = f.steps().stream().map(Step::name).toList();
        if (row.stepsReached() == 0) {
            return FunnelEpisode.retraction(
                    row.tenant(),
                    row.funnelId(),
                    f.name(),
                    stepNames,
                    row.attribution(),
                    f.windowMillis(),
                    row.customerId(),
                    row.episodeStartMillis());
        }
        return new FunnelEpisode(
                row.tenant(),
                row.funnelId(),
                f.name(),
                stepNames,
                row.attribution(),
                f.windowMillis(),
                row.customerId(),
                row.episodeStartMillis(),
                row.stepTimesMillis(),
                row.creditedChannel(),
                row.campaign(),
                row.creditedAgentId(),
                false);
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
