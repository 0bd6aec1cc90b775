package io.ringstream.routing.contract.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** routing-service could not give an answer: its status and problem detail, or why not. */
public final class RoutingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;

    public RoutingException(String message) {
        this(0, message);
    }

    public RoutingException(int status, String message) {
        super(message);
        this.status = status;
    }

    public RoutingException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** routing-service's HTTP status; 0 when it gave none (unreachable, unreadable). */
    public int status() {
        return status;
    }

    /** The {@code detail} of a problem body, or the body itself. */
    public static String problemDetail(String body) {
        try {
            JsonNode detail = JSON.readTree(body).get("detail");
            return detail != null && !detail.isNull() ? detail.asText() : body;
        } catch (IOException | RuntimeException e) {
            return body;
        }
    }
}
