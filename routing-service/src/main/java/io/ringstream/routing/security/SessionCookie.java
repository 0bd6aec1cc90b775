package io.ringstream.routing.security;

import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import java.time.Duration;

/**
 * The browser session of the pages that cannot send a bearer header on navigation (the wallboard):
 * a cookie holding the same JWT a login returns. HttpOnly (no script reads it), SameSite=Strict (no
 * other site's page sends it), Path=/ and as long-lived as a user token. {@code Secure} only when
 * {@code ringstream.security.secure-session-cookie=true}: {@code up} serves plain http on
 * 127.0.0.1, where a Secure cookie would never come back. {@link SessionTokenReader} reads it, and
 * only on the wallboard's GET paths.
 */
public final class SessionCookie {
    public static final String NAME = "ringstream_session";

    private SessionCookie() {}

    static Cookie of(String token, Duration ttl, boolean secure) {
        return base(token, secure).maxAge(ttl);
    }

    /** The cookie that makes a browser forget the session (Max-Age=0). */
    static Cookie cleared(boolean secure) {
        return base("", secure).maxAge(0);
    }

    private static Cookie base(String value, boolean secure) {
        return Cookie.of(NAME, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SameSite.Strict)
                .secure(secure);
    }
}
