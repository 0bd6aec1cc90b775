package io.ringstream.routing.customers;

import jakarta.annotation.Nullable;
import java.util.OptionalLong;

/**
 * Reads an {@code If-Match} header naming a customer version ({@code "3"}, as the ETag gave it;
 * {@code W/"3"} and a bare {@code 3} are read too). {@code *} is not accepted: a write must say
 * which version it was based on, or it could overwrite a change it never saw.
 */
final class IfMatch {
    private IfMatch() {}

    /**
     * The version the header names; empty when there is no header.
     *
     * @throws io.ringstream.routing.web.ProblemException 400 when it names no version
     */
    static OptionalLong version(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return OptionalLong.empty();
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return OptionalLong.of(Long.parseLong(tag));
        } catch (NumberFormatException e) {
            throw CustomerProblems.badRequest(
                    "If-Match must be the ETag of a customer version, e.g. \"3\"");
        }
    }

    /** The version a write requires; 428 without one. */
    static long required(@Nullable String header) {
        return version(header).orElseThrow(CustomerProblems::preconditionRequired);
    }

    /** Checks {@code header} (if any) against the stored version: 412 when they differ. */
    static void check(@Nullable String header, long current) {
        OptionalLong expected = version(header);
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw CustomerProblems.stale(current);
        }
    }
}
