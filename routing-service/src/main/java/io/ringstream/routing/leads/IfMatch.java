package io.ringstream.routing.leads;

import io.micronaut.http.HttpStatus;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimistic concurrency over HTTP: a record's version travels as its {@code ETag} ({@code "3"}),
 * and a change must name the version it was made from in {@code If-Match}. Missing is 428, so a
 * client cannot overwrite blindly; stale is 412.
 */
public final class IfMatch {
    private static final Pattern TAG = Pattern.compile("(?:W/)?\"?([0-9]{1,18})\"?");

    private IfMatch() {}

    /** The ETag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version {@code header} names; 428 when absent, 400 when it is not a version. */
    public static long version(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "if-match-required",
                    "If-Match required",
                    "send If-Match with the ETag of the version the change is made from");
        }
        Matcher m = TAG.matcher(header.strip());
        if (!m.matches()) {
            throw Requests.invalid(
                    "If-Match '" + header.strip() + "' is not an ETag such as \"3\"");
        }
        return Long.parseLong(m.group(1));
    }

    /** 412 when the stored version is not the one the client saw. */
    public static void check(String what, long expected, long actual) {
        if (expected != actual) {
            throw new ProblemException(
                    HttpStatus.PRECONDITION_FAILED,
                    "stale-version",
                    "Stale version",
                    what
                            + " is at version "
                            + actual
                            + ", not "
                            + expected
                            + ": read it again and retry");
        }
    }
}
