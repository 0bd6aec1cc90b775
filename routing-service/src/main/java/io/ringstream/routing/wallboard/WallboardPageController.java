package io.ringstream.routing.wallboard;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Problem;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The wallboard page at {@code /wallboard}, for supervisors. Security lets the request through
 * (anonymous) so that this controller itself can answer a browser properly: without a session, 401
 * with the login page as body when the request accepts text/html (a JSON problem otherwise); with a
 * session of someone who is not a supervisor, 403 likewise. The page's data calls are {@link
 * WallboardController}'s, which Micronaut Security guards as usual. The route produces whatever the
 * request accepts: were it to refuse an Accept, the static assets' mapping would serve the page's
 * file instead.
 */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
public class WallboardPageController {
    static final MediaType HTML = MediaType.of("text/html;charset=utf-8");

    private final String page = page("public/wallboard/index.html");
    private final String login = page("public/wallboard/login.html");

    @Get(value = "/wallboard", produces = MediaType.ALL)
    public HttpResponse<?> wallboard(
            HttpRequest<?> request, @Nullable Authentication authentication) {
        if (authentication == null) {
            return refuse(
                    request,
                    HttpStatus.UNAUTHORIZED,
                    "unauthorized",
                    "Unauthorized",
                    "log in as a supervisor");
        }
        Caller caller = Callers.of(authentication);
        if (!caller.has(Role.SUPERVISOR)) {
            return refuse(
                    request,
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    "Forbidden",
                    "the wallboard is for supervisors");
        }
        return HttpResponse.ok(page).contentType(HTML);
    }

    private HttpResponse<?> refuse(
            HttpRequest<?> request, HttpStatus status, String type, String title, String detail) {
        if (acceptsHtml(request)) {
            return HttpResponse.status(status).body(login).contentType(HTML);
        }
        return HttpResponse.status(status)
                .contentType(Problem.MEDIA_TYPE)
                .body(
                        new Problem(
                                ProblemException.TYPE_BASE + type,
                                title,
                                status.getCode(),
                                detail));
    }

    static boolean acceptsHtml(HttpRequest<?> request) {
        return request.getHeaders().getAll(HttpHeaders.ACCEPT).stream()
                .anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).contains("text/html"));
    }

    private static String page(String resource) {
        try (InputStream in =
                WallboardPageController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing page " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
