package io.ringstream.routing.security;

import io.micronaut.context.annotation.Factory;
import io.ringstream.secrets.Secrets;
import io.ringstream.security.credentials.Authenticator;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.LoginThrottle;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.tickets.StreamTickets;
import io.ringstream.security.tokens.SigningKey;
import io.ringstream.security.tokens.TokenIssuer;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Wires the security module's plain classes as beans: the signing key, the credential store, the
 * authenticator with its login throttle, the token issuer and the stream tickets.
 */
@Factory
public class SecurityFactory {
    /** The environment variable holding the signing secret (or, with _FILE, a file holding it). */
    public static final String JWT_SECRET = "RINGSTREAM_JWT_SECRET";

    @Singleton
    SigningKey signingKey(SecurityProperties properties) {
        return Secrets.fromEnvironment()
                .optional(JWT_SECRET)
                .map(SigningKey::fromSecret)
                .orElseGet(
                        () -> {
                            if (properties.getJwtSecretFile() == null) {
                                throw new IllegalStateException(
                                        "set "
                                                + JWT_SECRET
                                                + " or "
                                                + JWT_SECRET
                                                + "_FILE: routing-service signs and checks"
                                                + " tokens with it");
                            }
                            return SigningKey.loadOrCreate(properties.getJwtSecretFile());
                        });
    }

    @Singleton
    CredentialStore credentialStore(SecurityProperties properties) {
        if (properties.getUsersFile() == null) {
            throw new IllegalStateException(
                    "set RINGSTREAM_USERS_FILE: the file routing-service keeps users and clients in");
        }
        return CredentialStore.open(properties.getUsersFile());
    }

    @Singleton
    PasswordHasher passwordHasher(SecurityProperties properties) {
        return new PasswordHasher(properties.getBcryptCost());
    }

    @Singleton
    Authenticator authenticator(CredentialStore store, PasswordHasher hasher) {
        return new Authenticator(store, hasher, LoginThrottle.standard());
    }

    @Singleton
    TokenIssuer tokenIssuer(SigningKey key, Clock clock) {
        return new TokenIssuer(key, clock);
    }

    @Singleton
    StreamTickets streamTickets(Clock clock) {
        return new StreamTickets(clock);
    }
}
