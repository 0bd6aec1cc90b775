package io.ringstream.routing.security;

import io.micronaut.serde.annotation.Serdeable;
import io.ringstream.security.Caller;
import io.ringstream.security.Role;
import java.util.List;

/** The caller a token names, so a page can show who is signed in and in which tenant. */
@Serdeable
public record WhoAmI(String subject, String tenant, List<String> roles) {
    static WhoAmI of(Caller caller) {
        return new WhoAmI(
                caller.subject(),
                caller.tenant(),
                caller.roles().stream().map(Role::name).sorted().toList());
    }
}
