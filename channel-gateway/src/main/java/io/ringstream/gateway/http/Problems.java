package io.ringstream.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RFC 9457 problem bodies, in the shape routing-service and the bridge use, so every refusal of the
 * gateway is machine-readable and none is a bare 500.
 */
public final class Problems {
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {}

    /** The encoded body: type, title, status, detail. */
    public static byte[] body(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type(status));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short stable type URI per status. */
    static String type(int status) {
        return switch (status) {
            case 400 -> "/problems/bad-request";
            case 401 -> "/problems/unauthorized";
            case 403 -> "/problems/forbidden";
            case 404 -> "/problems/not-found";
            case 405 -> "/problems/method-not-allowed";
            case 413 -> "/problems/body-too-large";
            case 426 -> "/problems/upgrade-required";
            case 429 -> "/problems/too-many-requests";
            case 503 -> "/problems/unavailable";
            default -> "about:blank";
        };
    }
}
