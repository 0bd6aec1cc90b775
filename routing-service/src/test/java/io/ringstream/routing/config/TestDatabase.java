package io.ringstream.routing.config;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import io.micronaut.context.env.PropertySource;
import io.ringstream.testkit.PostgresDatabases;
import java.util.Map;

/**
 * Gives every application context of routing-service's tests a fresh PostgreSQL database on the
 * test JVM's real server, the way {@code up} gives the service one: the context migrates its own
 * schema and sees no other test class's customers. A test that passes its own {@code
 * datasources.default.url} replaces this one (test properties rank higher).
 */
@ContextConfigurer
public final class TestDatabase implements ApplicationContextConfigurer {
    @Override
    public void configure(ApplicationContextBuilder builder) {
        PostgresDatabases.Database db = PostgresDatabases.fresh("routing");
        builder.propertySources(
                PropertySource.of(
                        "ringstream-test-database",
                        Map.of(
                                "datasources.default.url", db.jdbcUrl(),
                                "datasources.default.username", db.user(),
                                "datasources.default.password", db.password()),
                        EnvironmentAliases.PRIORITY_BELOW_ENVIRONMENT));
    }
}
