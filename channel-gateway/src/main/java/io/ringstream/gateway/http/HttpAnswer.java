package io.ringstream.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete HTTP answer as a {@link WebhookRoute} (or the server itself) gives it: status, content
 * type and body, written by the server as one response with a Content-Length.
 */
public record HttpAnswer(int status, String contentType, byte[] body) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";

    public HttpAnswer {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        Objects.requireNonNull(contentType, "contentType");
        body = body == null ? new byte[0] : body.clone();
    }

    /** A plain text answer (the hub handshake's challenge, an empty 200). */
    public static HttpAnswer text(int status, String text) {
        return new HttpAnswer(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON answer from already encoded bytes. */
    public static HttpAnswer json(int status, byte[] json) {
        return new HttpAnswer(status, JSON, json);
    }

    /** An {@code application/problem+json} answer (type, title, status, detail). */
    public static HttpAnswer problem(int status, String title, String detail) {
        return new HttpAnswer(status, Problems.CONTENT_TYPE, Problems.body(status, title, detail));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
