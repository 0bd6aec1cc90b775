package io.ringstream.routing.wallboard;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.analytics.wallboard.QueueThresholds;
import io.ringstream.events.SupervisorAlert;
import java.util.List;
import java.util.Map;

/**
 * The response of {@code GET /v1/wallboard}: everything a wallboard shows, at once.
 *
 * @param thresholds per configured queue, and the defaults under {@code "*"}
 * @param alerts the tenant's recent alerts, oldest first
 */
@Serdeable
public record WallboardView(
        String tenant,
        Map<String, QueueThresholds> thresholds,
        LiveFigures live,
        KpiFigures kpis,
        List<SupervisorAlert> alerts) {}
