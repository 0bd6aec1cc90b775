package io.ringstream.routing.security;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.token.reader.TokenReader;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads the {@link SessionCookie} as a token, but only for {@code GET}/{@code HEAD} of {@code
 * /wallboard} and {@code /v1/wallboard/**}: reading pages and their data. Every other endpoint (and
 * every write) keeps requiring a bearer header, so a cookie the browser sends on its own can never
 * drive them; {@link OriginFilter} refuses cross-site requests besides. The token inside is checked
 * like a bearer token (signature, issuer, expiry, tenant, roles).
 */
@Singleton
public class SessionTokenReader implements TokenReader<HttpRequest<?>> {
    /** After the bearer header's reader: a request with both is the bearer token's. */
    static final int ORDER = 100;

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!readsSession(request.getMethod(), request.getPath())) {
            return Optional.empty();
        }
        return request.getCookies()
                .findCookie(SessionCookie.NAME)
                .map(Cookie::getValue)
                .filter(v -> !v.isBlank());
    }

    /** Whether a request of this method and path may be authenticated by the session cookie. */
    static boolean readsSession(HttpMethod method, String path) {
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        return path.equals("/wallboard")
                || path.equals("/v1/wallboard")
                || path.startsWith("/v1/wallboard/");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
