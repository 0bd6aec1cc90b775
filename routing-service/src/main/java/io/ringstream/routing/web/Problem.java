package io.ringstream.routing.web;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem body, so every client sees one error shape whatever failed.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 */
@Serdeable
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String ABOUT_BLANK = "about:blank";
}
