package io.ringstream.routing.admin;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.security.Role;
import io.ringstream.security.credentials.UserRecord;
import java.util.List;

/** A user as the admin API shows it: never its password hash. */
@Serdeable
public record UserView(String tenant, String username, List<String> roles) {
    static UserView of(UserRecord user) {
        return new UserView(
                user.tenant(),
                user.username(),
                user.roles().stream().map(Role::name).sorted().toList());
    }
}
