package io.ringstream.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Derives event ids from what identifies an occurrence at its source, so replays are idempotent.
 */
public final class EventIds {
    private EventIds() {}

    /**
     * A name-based UUID over the parts, e.g. {@code of("ami", "pbx1", uniqueId, "AgentConnect",
     * timestamp)}. The same parts always give the same id.
     */
    public static String of(String... parts) {
        String joined = String.join("\u001f", parts);
        return UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
