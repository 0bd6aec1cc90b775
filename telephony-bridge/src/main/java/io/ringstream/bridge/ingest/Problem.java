package io.ringstream.bridge.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), so speech-to-text
 * integrators get a machine-readable reason for every refusal, in the same shape routing-service
 * uses.
 *
 * @param errors one line per invalid field, e.g. {@code segments[1].speaker: must be CUSTOMER,
 *     AGENT or BOT}; empty when not about fields
 */
public record Problem(int status, String title, String detail, List<String> errors) {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem(status, title, detail, List.of());
    }

    /** A short stable type URI per status, relative to the API. */
    public String type() {
        return switch (status) {
            case 400 -> "/problems/malformed-json";
            case 401 -> "/problems/unauthorized";
            case 403 -> "/problems/forbidden";
            case 404 -> "/problems/not-found";
            case 405 -> "/problems/method-not-allowed";
            case 413 -> "/problems/body-too-large";
            case 415 -> "/problems/unsupported-media-type";
            case 422 -> "/problems/invalid-segment";
            case 503 -> "/problems/unavailable";
            default -> "about:blank";
        };
    }

    public byte[] toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
