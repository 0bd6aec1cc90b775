package io.ringstream.routing.supervisor;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The response of {@code GET /v1/supervisor/queues}: an object rather than a bare list, so fields
 * can be added without breaking clients.
 */
@Serdeable
public record QueuesView(
        String tenant, String serviceLevelConvention, List<QueueSnapshot> queues) {}
