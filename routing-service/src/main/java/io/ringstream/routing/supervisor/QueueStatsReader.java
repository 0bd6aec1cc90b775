package io.ringstream.routing.supervisor;

import java.util.List;
import java.util.Optional;

/** Where the supervisor endpoints get today's per-queue figures; ClickHouse in production. */
public interface QueueStatsReader {

    /** One snapshot per queue with figures since midnight (server time), ordered by queue. */
    List<QueueSnapshot> today(String tenant);

    /** Today's figures of one queue; empty when the queue has none today. */
    default Optional<QueueSnapshot> today(String tenant, String queue) {
        return today(tenant).stream().filter(s -> s.queue().equals(queue)).findFirst();
    }
}
