package io.ringstream.routing.admin;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Creates a machine client of the admin's tenant; its secret is generated and shown once.
 *
 * @param roles PBX and/or INGEST
 */
@Serdeable
public record ClientRequest(String clientId, List<String> roles) {}
