package io.ringstream.routing;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Starts the routing service; the launcher runs it as {@code java -jar routing-service.jar}. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "routing-service",
                        version = "v1",
                        description =
                                "Ringstream routing: the PBX's route requests, agent desktops,"
                                        + " supervisors' live view and figures."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        description =
                "A token from POST /v1/auth/login, POST /v1/auth/token or an identity provider;"
                        + " see docs/security.md")
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
