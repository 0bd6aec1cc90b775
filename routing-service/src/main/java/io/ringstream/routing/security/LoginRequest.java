package io.ringstream.routing.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A person's login.
 *
 * @param tenant the tenant the user belongs to; absent means "default"
 */
@Serdeable
public record LoginRequest(@Nullable String tenant, String username, String password) {}
