package io.ringstream.events;

/** Tenant names; single-tenant deployments use {@link #DEFAULT} everywhere. */
public final class Tenants {
    public static final String DEFAULT = "default";

    private Tenants() {}
}
