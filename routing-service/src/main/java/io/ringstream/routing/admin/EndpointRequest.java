package io.ringstream.routing.admin;

import io.micronaut.serde.annotation.Serdeable;

/** An agent's endpoint, e.g. {@code PJSIP/1001}. */
@Serdeable
public record EndpointRequest(String endpoint) {}
