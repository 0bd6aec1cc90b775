package io.ringstream.security.credentials;

import io.ringstream.security.Caller;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a user's password or a machine client's secret against the {@link CredentialStore},
 * throttled by {@link LoginThrottle}. Every refusal looks the same to the caller (no hint whether
 * the account exists), and an unknown account costs as much time as a wrong password.
 */
public final class Authenticator {
    /** What a login attempt came to. */
    public sealed interface Outcome {}

    /** The credentials are right: tokens may be issued for this caller. */
    public record Authenticated(Caller caller) implements Outcome {}

    /** Wrong, unknown or incomplete credentials. */
    public record Refused() implements Outcome {}

    /** Too many failures for this account or address: try again after {@code retryAfter}. */
    public record Throttled(Duration retryAfter) implements Outcome {}

    private final CredentialStore store;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    public Authenticator(CredentialStore store, PasswordHasher hasher, LoginThrottle throttle) {
        this.store = store;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    /** A person's login: tenant, user name and password, from a remote address. */
    public Outcome login(String tenant, String username, String password, String address) {
        String account = "user:" + tenant + "/" + username;
        Optional<UserRecord> user =
                tenant == null || username == null
                        ? Optional.empty()
                        : store.user(tenant, username);
        return check(
                account,
                address,
                password,
                user.map(UserRecord::passwordHash).orElse(null),
                user.map(UserRecord::caller));
    }

    /** A machine client's client-credentials grant. */
    public Outcome client(String clientId, String secret, String address) {
        String account = "client:" + clientId;
        Optional<ClientRecord> client =
                clientId == null ? Optional.empty() : store.client(clientId);
        return check(
                account,
                address,
                secret,
                client.map(ClientRecord::secretHash).orElse(null),
                client.map(ClientRecord::caller));
    }

    private Outcome check(
            String account, String address, String secret, String hash, Optional<Caller> caller) {
        Optional<Duration> wait = throttle.waitBefore(account, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        if (hasher.matches(secret, hash) && caller.isPresent()) {
            throttle.succeeded(account);
            return new Authenticated(caller.get());
        }
        throttle.failed(account, address);
        return new Refused();
    }
}
