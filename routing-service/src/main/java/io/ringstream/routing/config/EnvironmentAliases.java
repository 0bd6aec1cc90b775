package io.ringstream.routing.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
import io.ringstream.routing.pages.ChatProperties;
import io.ringstream.routing.security.SecurityProperties;
import io.ringstream.secrets.Secrets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the environment variables the README documents whose names Micronaut's own mapping does not
 * turn into their property ({@code RINGSTREAM_ROUTE_WAIT} would become {@code
 * ringstream.route-wait}). A variable that is not set sets nothing, so the default stays where it
 * is stated once, in {@link RoutingProperties}, and a malformed value fails binding like any other
 * property instead of falling back to the default.
 *
 * <p>Applied to every application context (the service, its tests, the end-to-end tests). The
 * aliases rank just below Micronaut's environment variables: above every configuration file, below
 * system properties and the properties a test passes in.
 */
@ContextConfigurer
public final class EnvironmentAliases implements ApplicationContextConfigurer {
    /** The property source's name; a source of the same name given to a builder replaces it. */
    public static final String NAME = "ringstream-environment-aliases";

    /** Where an identity provider's signing keys are configured for Micronaut Security. */
    static final String JWKS_URL = "micronaut.security.token.jwt.signatures.jwks.oidc.url";

    /** Where the aliases rank: just below Micronaut's own environment variables. */
    public static final int PRIORITY_BELOW_ENVIRONMENT = EnvironmentPropertySource.POSITION - 1;

    /**
     * The customers' database (PostgreSQL). Its password is a secret: {@code
     * RINGSTREAM_POSTGRES_PASSWORD} or {@code RINGSTREAM_POSTGRES_PASSWORD_FILE}.
     */
    static final String DATASOURCE = "datasources.default";

    static final String POSTGRES_PASSWORD = "RINGSTREAM_POSTGRES_PASSWORD";

    /** Documented variable to the property it sets. */
    static final Map<String, String> ALIASES =
            Map.ofEntries(
                    Map.entry("RINGSTREAM_ROUTE_WAIT", RoutingProperties.PREFIX + ".route-wait"),
                    Map.entry(
                            "RINGSTREAM_ROUTE_RETRY_AFTER",
                            RoutingProperties.PREFIX + ".retry-after"),
                    Map.entry("RINGSTREAM_ROUTING_HOST", "micronaut.server.host"),
                    Map.entry("RINGSTREAM_USERS_FILE", SecurityProperties.PREFIX + ".users-file"),
                    Map.entry(
                            "RINGSTREAM_ALLOWED_ORIGINS",
                            SecurityProperties.PREFIX + ".allowed-origins"),
                    Map.entry("RINGSTREAM_OIDC_JWKS_URL", JWKS_URL),
                    Map.entry("RINGSTREAM_OIDC_ISSUER", SecurityProperties.PREFIX + ".oidc-issuer"),
                    Map.entry(
                            "RINGSTREAM_OIDC_ROLES_CLAIM",
                            SecurityProperties.PREFIX + ".oidc-roles-claim"),
                    Map.entry(
                            "RINGSTREAM_OIDC_TENANT_CLAIM",
                            SecurityProperties.PREFIX + ".oidc-tenant-claim"),
                    Map.entry("RINGSTREAM_OIDC_TENANT", SecurityProperties.PREFIX + ".oidc-tenant"),
                    Map.entry("RINGSTREAM_POSTGRES_URL", DATASOURCE + ".url"),
                    Map.entry(
                            "RINGSTREAM_CHAT_GATEWAY_URL", ChatProperties.PREFIX + ".gateway-url"),
                    Map.entry("RINGSTREAM_POSTGRES_USER", DATASOURCE + ".username"));

    @Override
    public void configure(ApplicationContextBuilder builder) {
        builder.propertySources(propertySource(System.getenv()));
    }

    /** The properties {@code environment} sets through the aliases. */
    public static PropertySource propertySource(Map<String, String> environment) {
        Map<String, Object> properties = new LinkedHashMap<>();
        ALIASES.forEach(
                (variable, property) -> {
                    String value = environment.get(variable);
                    if (value != null && !value.isBlank()) {
                        properties.put(property, value);
                    }
                });
        Secrets.from(environment)
                .optional(POSTGRES_PASSWORD)
                .ifPresent(password -> properties.put(DATASOURCE + ".password", password));
        return PropertySource.of(NAME, properties, PRIORITY_BELOW_ENVIRONMENT);
    }
}
