package io.ringstream.routing.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.ClientRecord;
import java.util.List;

/**
 * A machine client as the admin API shows it.
 *
 * @param secret only in the answer that created the client: it is stored as a hash and cannot be
 *     shown again
 */
@Serdeable
public record ClientView(
        String clientId, String tenant, List<String> roles, @Nullable String secret) {
    static ClientView of(ClientRecord client, String secret) {
        return new ClientView(
                client.clientId(),
                client.tenant(),
                client.roles().stream().map(Role::name).sorted().toList(),
                secret);
    }
}
