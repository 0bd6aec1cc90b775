package io.ringstream.routing.supervisor;

import java.util.regex.Pattern;

/** Validates tenant names taken from requests before they reach a query. */
public final class TenantNames {
    /** Lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 64. */
    public static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private TenantNames() {}

    public static boolean isValid(String tenant) {
        return tenant != null && VALID.matcher(tenant).matches();
    }
}
