package io.ringstream.routing.web;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks shared by the routing controllers, each failing as a problem the client can act on. */
public final class Requests {
    private static final Logger LOG = LoggerFactory.getLogger(Requests.class);

    /** Agent, contact and offer ids travel in paths: no slashes, spaces or control characters. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@+-]{1,128}");

    private Requests() {}

    public static String id(String value, String name) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid(name + " must match " + ID.pattern());
        }
        return value;
    }

    /** A 400 listing every violation. */
    public static ProblemException invalid(List<String> violations) {
        return invalid(String.join("; ", violations));
    }

    public static ProblemException invalid(String detail) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    /**
     * A 503 for a command that could not reach the routing job; a 413 when the broker refused it
     * for its size, which no retry cures (a PBX would otherwise retry a 503 for ever).
     */
    public static ProblemException unavailable(Throwable cause) {
        Throwable root =
                cause instanceof CompletionException && cause.getCause() != null
                        ? cause.getCause()
                        : cause;
        for (Throwable t = root; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException) {
                LOG.info("Routing command refused for its size: {}", t.getMessage());
                return new ProblemException(
                        HttpStatus.REQUEST_ENTITY_TOO_LARGE,
                        "request-too-large",
                        "Request too large",
                        "the request's fields make a command larger than the broker accepts;"
                                + " shorten them");
            }
        }
        LOG.warn("Routing command not sent", root);
        ProblemException problem =
                new ProblemException(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "routing-unavailable",
                        "Routing unavailable",
                        root instanceof IllegalStateException && root.getMessage() != null
                                ? root.getMessage()
                                : "the routing command could not be sent");
        problem.initCause(root);
        return problem;
    }
}
