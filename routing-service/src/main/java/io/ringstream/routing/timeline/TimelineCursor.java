package io.ringstream.routing.timeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;

/**
 * A position in a customer's timeline: the (time, kind, id) of the last item a page returned. The
 * timeline is ordered newest first by exactly this triple, so the next page is "everything strictly
 * before it" and no item is skipped or repeated when several share a millisecond. Clients treat the
 * encoded form as opaque.
 *
 * <p>Kinds and ids compare by their UTF-8 bytes, because that is how ClickHouse compares {@code
 * String}s and how PostgreSQL compares text under {@code COLLATE "C"}: Java, ClickHouse and
 * PostgreSQL must agree on the order or a page boundary would fall in a different place in each.
 */
public record TimelineCursor(long timeMs, String kind, String id) {
    /** Newest first: time, then kind, then id, each descending. */
    public static final Comparator<TimelineCursor> NEWEST_FIRST =
            Comparator.comparingLong(TimelineCursor::timeMs)
                    .thenComparing(TimelineCursor::kind, TimelineCursor::compareBytes)
                    .thenComparing(TimelineCursor::id, TimelineCursor::compareBytes)
                    .reversed();

    public TimelineCursor {
        if (kind == null || kind.isEmpty() || kind.indexOf(':') >= 0 || id == null) {
            throw new IllegalArgumentException("a cursor needs a kind without ':' and an id");
        }
    }

    /** {@code time:kind:id} in URL-safe base64 without padding. */
    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((timeMs + ":" + kind + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an {@link #encode()}d cursor.
     *
     * @throws IllegalArgumentException when it is not one (the API answers 400)
     */
    public static TimelineCursor decode(String encoded) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the cursor is not one this API returned");
        }
        String[] parts = text.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException("the cursor is not one this API returned");
        }
        try {
            return new TimelineCursor(Long.parseLong(parts[0]), parts[1], parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the cursor is not one this API returned");
        }
    }

    /** Unsigned byte order of the UTF-8 encodings (not {@link String#compareTo}'s UTF-16 order). */
    static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
