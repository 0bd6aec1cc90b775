package io.ringstream.routing.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Creates or replaces a user of the admin's tenant.
 *
 * @param roles AGENT, SUPERVISOR or ADMIN (machine roles belong to clients)
 * @param password at least {@value AdminController#MIN_PASSWORD} characters; stored as a bcrypt
 *     hash
 */
@Serdeable
public record UserRequest(List<String> roles, String password) {}
