package io.ringstream.routing.security;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A one-time ticket to open one server-sent event stream: {@code GET <path>?ticket=<ticket>} within
 * {@code expiresInSeconds}.
 */
@Serdeable
public record StreamTicket(String ticket, String path, long expiresInSeconds) {}
