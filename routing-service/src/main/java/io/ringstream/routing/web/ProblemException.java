package io.ringstream.routing.web;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;

/** Thrown by controllers for an expected failure with its own problem type. */
public class ProblemException extends HttpStatusException {
    /** Base of Ringstream's problem type URIs. */
    public static final String TYPE_BASE = "https://ringstream.io/problems/";

    private final String type;
    private final String title;

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
}
