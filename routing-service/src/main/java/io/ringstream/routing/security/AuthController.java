package io.ringstream.routing.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.events.Tenants;
import io.ringstream.routing.contract.TokenResponse;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.Authenticator;
import io.ringstream.security.credentials.Authenticator.Authenticated;
import io.ringstream.security.credentials.Authenticator.Outcome;
import io.ringstream.security.credentials.Authenticator.Throttled;
import io.ringstream.security.tickets.StreamTickets;
import io.ringstream.security.tokens.TokenIssuer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Issues tokens: a person's login, a machine client's client-credentials grant (RFC 6749 section
 * 4.4, with HTTP Basic client authentication), and one-time tickets for server-sent event streams.
 * Password checks are bcrypt (slow on purpose), so they run on the blocking pool.
 */
@Controller("/v1/auth")
@Tag(name = "auth")
@SerdeImport(TokenResponse.class)
public class AuthController {
    private static final Pattern AGENT_STREAM = Pattern.compile("/v1/agents/([^/]+)/assignments");
    private static final String ALERT_STREAM = "/v1/supervisor/alerts";

    private final Authenticator authenticator;
    private final TokenIssuer issuer;
    private final StreamTickets tickets;
    private final SecurityProperties properties;

    public AuthController(
            Authenticator authenticator,
            TokenIssuer issuer,
            StreamTickets tickets,
            SecurityProperties properties) {
        this.authenticator = authenticator;
        this.issuer = issuer;
        this.tickets = tickets;
        this.properties = properties;
    }

    @Post("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Log a person in: a bearer token for its tenant and roles")
    public TokenResponse login(HttpRequest<?> request, @Body LoginRequest body) {
        String tenant = body.tenant() == null ? Tenants.DEFAULT : body.tenant();
        Outcome outcome =
                authenticator.login(tenant, body.username(), body.password(), address(request));
        return token(outcome, properties.getUserTokenTtl());
    }

    /**
     * Logs a person in for the browser pages: the same token as {@link #login}, as the {@link
     * SessionCookie} instead of in the body (which a page's script never sees). Same authenticator
     * and throttling as the login.
     */
    @Post("/session")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Log a person in with a session cookie (for the wallboard page)")
    public HttpResponse<Void> session(HttpRequest<?> request, @Body LoginRequest body) {
        String tenant = body.tenant() == null ? Tenants.DEFAULT : body.tenant();
        Outcome outcome =
                authenticator.login(tenant, body.username(), body.password(), address(request));
        Duration ttl = properties.getUserTokenTtl();
        String token = token(outcome, ttl).accessToken();
        return HttpResponse.<Void>noContent()
                .cookie(SessionCookie.of(token, ttl, properties.isSecureSessionCookie()));
    }

    @Delete("/session")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "Log out of the browser session: the session cookie is cleared")
    public HttpResponse<Void> endSession() {
        return HttpResponse.<Void>noContent()
                .cookie(SessionCookie.cleared(properties.isSecureSessionCookie()));
    }

    @Post(value = "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(summary = "Client credentials grant: a bearer token for a machine client")
    public TokenResponse token(
            HttpRequest<?> request,
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Body Map<String, String> form) {
        if (!"client_credentials".equals(form.get("grant_type"))) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "unsupported-grant-type",
                    "Unsupported grant type",
                    "grant_type must be client_credentials");
        }
        String[] idAndSecret = basic(authorization);
        Outcome outcome = authenticator.client(idAndSecret[0], idAndSecret[1], address(request));
        return token(outcome, properties.getClientTokenTtl());
    }

    @Post("/stream-ticket")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "A one-time ticket to open a server-sent event stream (?ticket=)")
    public StreamTicket streamTicket(Authentication authentication, @QueryValue String path) {
        Caller caller = Callers.of(authentication);
        var agent = AGENT_STREAM.matcher(path);
        boolean own =
                agent.matches()
                        && caller.has(Role.AGENT)
                        && agent.group(1).equals(caller.subject());
        boolean alerts = ALERT_STREAM.equals(path) && caller.has(Role.SUPERVISOR);
        if (!own && !alerts) {
            throw Callers.forbidden("no stream at '" + path + "' for this caller");
        }
        return new StreamTicket(tickets.issue(caller, path), path, StreamTickets.TTL.toSeconds());
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "Who the token names: subject, tenant and roles")
    public WhoAmI me(Authentication authentication) {
        return WhoAmI.of(Callers.of(authentication));
    }

    private TokenResponse token(Outcome outcome, Duration ttl) {
        if (outcome instanceof Authenticated a) {
            return TokenResponse.bearer(issuer.issue(a.caller(), ttl), ttl.toSeconds());
        }
        if (outcome instanceof Throttled t) {
            throw new ProblemException(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "login-throttled",
                            "Too many failed logins",
                            "try again later")
                    .retryAfter(Math.max(1, t.retryAfter().toSeconds()));
        }
        throw invalidCredentials();
    }

    /** The client id and secret of an HTTP Basic header; anything else is refused. */
    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw invalidCredentials();
        }
        try {
            String decoded =
                    new String(
                            Base64.getDecoder().decode(authorization.substring(6).trim()),
                            StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw invalidCredentials();
            }
            return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            throw invalidCredentials();
        }
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(
                HttpStatus.UNAUTHORIZED,
                "invalid-credentials",
                "Invalid credentials",
                "unknown account or wrong password or secret");
    }

    private static String address(HttpRequest<?> request) {
        return request.getRemoteAddress().getAddress().getHostAddress();
    }
}
