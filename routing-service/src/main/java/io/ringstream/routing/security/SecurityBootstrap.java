package io.ringstream.routing.security;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.ringstream.events.Tenants;
import io.ringstream.secrets.Secrets;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.ClientRecord;
import io.ringstream.security.credentials.CredentialStore;
import io.ringstream.security.credentials.PasswordHasher;
import io.ringstream.security.credentials.UserRecord;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the first accounts of a deployment from secrets, so a fresh container can be used without
 * a shell: an {@code admin} user in tenant {@code default} from {@code RINGSTREAM_ADMIN_PASSWORD},
 * and a PBX machine client (roles PBX and INGEST) from {@code RINGSTREAM_PBX_CLIENT_ID} and {@code
 * RINGSTREAM_PBX_CLIENT_SECRET}, in {@code RINGSTREAM_PBX_CLIENT_TENANT} (default {@code default}).
 * Each is created only when absent: a password changed later through the API is not reset.
 */
@Singleton
public class SecurityBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(SecurityBootstrap.class);

    private final CredentialStore store;
    private final PasswordHasher hasher;
    private final Map<String, String> env;

    public SecurityBootstrap(CredentialStore store, PasswordHasher hasher) {
        this(store, hasher, System.getenv());
    }

    SecurityBootstrap(CredentialStore store, PasswordHasher hasher, Map<String, String> env) {
        this.store = store;
        this.hasher = hasher;
        this.env = env;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        run();
    }

    void run() {
        Secrets secrets = Secrets.from(env);
        secrets.optional("RINGSTREAM_ADMIN_PASSWORD")
                .ifPresent(
                        password -> {
                            if (store.user(Tenants.DEFAULT, "admin").isEmpty()) {
                                store.putUser(
                                        new UserRecord(
                                                Tenants.DEFAULT,
                                                "admin",
                                                Set.of(Role.ADMIN),
                                                hasher.hash(password)));
                                LOG.info("created user admin in tenant default");
                            }
                        });
        Optional<String> clientId = Optional.ofNullable(env.get("RINGSTREAM_PBX_CLIENT_ID"));
        if (clientId.isPresent() && store.client(clientId.get()).isEmpty()) {
            String tenant = env.getOrDefault("RINGSTREAM_PBX_CLIENT_TENANT", Tenants.DEFAULT);
            store.putClient(
                    new ClientRecord(
                            clientId.get(),
                            tenant,
                            Set.of(Role.PBX, Role.INGEST),
                            hasher.hash(secrets.required("RINGSTREAM_PBX_CLIENT_SECRET"))));
            LOG.info("created machine client {} in tenant {}", clientId.get(), tenant);
        }
        if (store.users(null).stream().noneMatch(u -> u.roles().contains(Role.ADMIN))) {
            LOG.warn(
                    "no admin user in {}: set RINGSTREAM_ADMIN_PASSWORD, or run ./ringstream user"
                            + " add",
                    store.file());
        }
    }
}
