package io.ringstream.routing.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.ClientRecord;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.TenantRecord;
import io.ringstream.security.credentials.UserRecord;
import io.ringstream.security.endpoints.EndpointPolicy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tenant admin's API: the tenant's users, machine clients and endpoint policy. An admin manages
 * its own tenant only; creating tenants and their first admin is the operator's job, with {@code
 * ./ringstream user add} on the machine that holds the store (see docs/security.md).
 */
@Controller("/v1/admin")
@Tag(name = "admin")
@Secured("ADMIN")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {
    /** The shortest password accepted for a new user. */
    public static final int MIN_PASSWORD = 12;

    private static final Set<Role> USER_ROLES = EnumSet.of(Role.AGENT, Role.SUPERVISOR, Role.ADMIN);
    private static final Set<Role> CLIENT_ROLES = EnumSet.of(Role.PBX, Role.INGEST);

    private final CredentialStore store;
    private final PasswordHasher hasher;
    private final SecureRandom random = new SecureRandom();

    public AdminController(CredentialStore store, PasswordHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    @Get("/users")
    @Operation(summary = "The tenant's users (never their passwords)")
    public List<UserView> users(
            Authentication authentication, @Nullable @QueryValue("tenant") String requested) {
        return store.users(tenant(authentication, requested)).stream().map(UserView::of).toList();
    }

    @Put("/users/{username}")
    @Operation(summary = "Create or replace a user of the tenant")
    public UserView putUser(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @PathVariable String username,
            @Body UserRequest body) {
        String tenant = tenant(authentication, requested);
        Requests.id(username, "username");
        if (body.password() == null || body.password().length() < MIN_PASSWORD) {
            throw Requests.invalid("password needs at least " + MIN_PASSWORD + " characters");
        }
        UserRecord user =
                new UserRecord(
                        tenant,
                        username,
                        roles(body.roles(), USER_ROLES),
                        hasher.hash(body.password()));
        store.putUser(user);
        return UserView.of(user);
    }

    @Delete("/users/{username}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a user of the tenant; its tokens expire on their own")
    public void removeUser(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @PathVariable String username) {
        Caller caller = Callers.of(authentication);
        Callers.tenant(caller, requested);
        if (caller.subject().equals(username)) {
            throw Requests.invalid("an admin cannot remove itself");
        }
        if (!store.removeUser(caller.tenant(), username)) {
            throw notFound("user", username);
        }
    }

    @Get("/clients")
    @Operation(summary = "The tenant's machine clients (never their secrets)")
    public List<ClientView> clients(
            Authentication authentication, @Nullable @QueryValue("tenant") String requested) {
        return store.clients(tenant(authentication, requested)).stream()
                .map(c -> ClientView.of(c, null))
                .toList();
    }

    @Post("/clients")
    @Status(HttpStatus.CREATED)
    @Operation(summary = "Create a machine client; its secret is in this answer only")
    public ClientView createClient(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @Body ClientRequest body) {
        String tenant = tenant(authentication, requested);
        Requests.id(body.clientId(), "clientId");
        if (store.client(body.clientId()).isPresent()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "client-exists",
                    "Client exists",
                    "client ids are unique across tenants; choose another");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ClientRecord client =
                new ClientRecord(
                        body.clientId(),
                        tenant,
                        roles(body.roles(), CLIENT_ROLES),
                        hasher.hash(secret));
        store.putClient(client);
        return ClientView.of(client, secret);
    }

    @Delete("/clients/{clientId}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a machine client of the tenant")
    public void removeClient(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @PathVariable String clientId) {
        String tenant = tenant(authentication, requested);
        boolean ours = store.client(clientId).map(c -> c.tenant().equals(tenant)).orElse(false);
        if (!ours || !store.removeClient(clientId)) {
            throw notFound("client", clientId);
        }
    }

    @Get("/endpoint-policy")
    @Operation(summary = "The dial strings the tenant's agents' endpoints may take")
    public TenantPolicyView policy(
            Authentication authentication, @Nullable @QueryValue("tenant") String requested) {
        String tenant = tenant(authentication, requested);
        return view(tenant, store.endpointPolicy(tenant));
    }

    @Put("/endpoint-policy")
    @Operation(summary = "Set the tenant's endpoint policy (technologies and extension pattern)")
    public TenantPolicyView putPolicy(
            Authentication authentication,
            @Nullable @QueryValue("tenant") String requested,
            @Body TenantPolicyView body) {
        String tenant = tenant(authentication, requested);
        EndpointPolicy policy;
        try {
            policy =
                    new EndpointPolicy(
                            new HashSet<>(
                                    body.technologies() == null ? List.of() : body.technologies()),
                            body.extension() == null ? "" : body.extension());
        } catch (IllegalArgumentException e) {
            throw Requests.invalid(e.getMessage());
        }
        store.putTenant(new TenantRecord(tenant, policy));
        return view(tenant, policy);
    }

    private static TenantPolicyView view(String tenant, EndpointPolicy policy) {
        return new TenantPolicyView(
                tenant, policy.technologies().stream().sorted().toList(), policy.extension());
    }

    /** The admin's tenant; a request naming another is refused. */
    private static String tenant(Authentication authentication, String requested) {
        return Callers.tenant(Callers.of(authentication), requested);
    }

    private static Set<Role> roles(List<String> names, Set<Role> allowed) {
        List<String> problems = new ArrayList<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? List.<String>of() : names) {
            Role.parse(name)
                    .filter(allowed::contains)
                    .ifPresentOrElse(
                            roles::add,
                            () -> problems.add("role '" + name + "' is not one of " + allowed));
        }
        if (roles.isEmpty()) {
            problems.add("at least one role of " + allowed + " is required");
        }
        if (!problems.isEmpty()) {
            throw Requests.invalid(problems);
        }
        return roles;
    }

    private static ProblemException notFound(String what, String name) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "unknown-" + what,
                "Unknown " + what,
                "no " + what + " '" + name + "' in this tenant");
    }
}
