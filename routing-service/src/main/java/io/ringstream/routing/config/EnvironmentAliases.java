package io.ringstream.routing.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.PropertySource;
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

    /** Documented variable to the property it sets. */
    static final Map<String, String> ALIASES =
            Map.of(
                    "RINGSTREAM_ROUTE_WAIT", RoutingProperties.PREFIX + ".route-wait",
                    "RINGSTREAM_ROUTE_RETRY_AFTER", RoutingProperties.PREFIX + ".retry-after");

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
                    if (value != null) {
                        properties.put(property, value);
                    }
                });
        return PropertySource.of(NAME, properties, EnvironmentPropertySource.POSITION - 1);
    }
}
