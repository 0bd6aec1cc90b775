package io.ringstream.routing.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Thrown by controllers for an expected failure with its own problem type. */
public class ProblemException extends HttpStatusException {
    /** Base of Ringstream's problem type URIs. */
    public static final String TYPE_BASE = "https://ringstream.io/problems/";

    private final String type;
    private final String title;
    private Long retryAfterSeconds;

    public ProblemException(HttpStatus status, String typeName, String title, String detail) {
        super(status, detail);
        this.type = TYPE_BASE + typeName;
        this.title = title;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    /** Sends a {@code Retry-After} header with the problem (429, 503). */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Seconds for the {@code Retry-After} header, or null for none. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
