package io.ringstream.routing.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A tenant's endpoint policy: the channel technologies its agents' endpoints may use and the
 * pattern their extensions must match.
 */
@Serdeable
public record TenantPolicyView(String tenant, List<String> technologies, String extension) {}
