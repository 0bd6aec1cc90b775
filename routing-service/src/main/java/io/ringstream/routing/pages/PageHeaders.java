package io.ringstream.routing.pages;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Security headers of the pages and their assets: a Content-Security-Policy that lets them load
 * only this service's scripts and styles and connect only here and to the channel gateway, no
 * framing, no sniffing, no referrer. Browsers apply it to the demo, the desktop and the wallboard;
 * a site that embeds widget.js keeps its own policy; the wallboard's stream is same-origin ('self')
 * (docs/channels.md says what it must allow).
 */
@ServerFilter({"/chat/**", "/desktop", "/desktop/**", "/wallboard", "/wallboard/**"})
public class PageHeaders {
    private final String policy;

    public PageHeaders(ChatProperties chat) {
        this.policy =
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                        + " connect-src 'self' "
                        + chat.gatewayOrigin()
                        + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    @ResponseFilter
    public void secure(MutableHttpResponse<?> response) {
        response.header("Content-Security-Policy", policy);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Referrer-Policy", "no-referrer");
        response.header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
