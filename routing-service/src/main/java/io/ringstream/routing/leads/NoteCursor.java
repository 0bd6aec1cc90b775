package io.ringstream.routing.leads;

import io.ringstream.routing.web.Requests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of notes ends: the last note's time and id. Keyset paging (rather than offsets)
 * keeps a page stable while agents add notes, and costs the same on page 1 and page 100. Opaque to
 * clients: base64url of {@code epochMicros:uuid}.
 */
public record NoteCursor(Instant createdAt, UUID id) {

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000L + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a client sent back; 400 when it is not one of ours. */
    public static NoteCursor decode(String text) {
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII)
                            .split(":", 2);
            long micros = Long.parseLong(parts[0]);
            return new NoteCursor(
                    Instant.ofEpochSecond(
                            Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1_000L),
                    UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw Requests.invalid("cursor is not one this service gave out");
        }
    }
}
