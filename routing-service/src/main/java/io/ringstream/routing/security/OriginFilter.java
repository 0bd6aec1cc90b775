package io.ringstream.routing.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.ringstream.routing.web.Problem;
import io.ringstream.routing.web.ProblemException;
import java.net.URI;
import java.util.Set;

/**
 * Refuses requests that a browser sends on behalf of another site: any request whose {@code Origin}
 * is neither the service's own nor an allowed origin gets 403 with a problem body, before CORS
 * handling and authentication. Bearer tokens are not sent by browsers on their own, but stream
 * tickets and any later cookie session could be; this closes cross-site request forgery for all of
 * them, and a foreign page cannot read a stream either. Requests without an Origin (curl, the PBX)
 * are not browsers'. Runs first, so that Micronaut's own CORS check, which answers an empty 403,
 * never sees a foreign origin.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class OriginFilter implements io.micronaut.core.order.Ordered {
    private final Set<String> allowed;

    public OriginFilter(SecurityProperties properties) {
        this.allowed = Set.copyOf(properties.getAllowedOrigins());
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<Problem> refuseForeignOrigins(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin == null || allowed(origin, request)) {
            return null;
        }
        return HttpResponse.<Problem>status(HttpStatus.FORBIDDEN)
                .contentType(Problem.MEDIA_TYPE)
                .body(
                        new Problem(
                                ProblemException.TYPE_BASE + "foreign-origin",
                                "Foreign origin",
                                HttpStatus.FORBIDDEN.getCode(),
                                "requests from origin '"
                                        + origin
                                        + "' are not accepted; allow it with"
                                        + " RINGSTREAM_ALLOWED_ORIGINS"));
    }

    private boolean allowed(String origin, HttpRequest<?> request) {
        if (allowed.contains(origin)) {
            return true;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        try {
            URI uri = URI.create(origin);
            String authority = uri.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
