package io.ringstream.routing;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Starts the routing service; the launcher runs it as {@code java -jar routing-service.jar}. */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "routing-service",
                        version = "v1",
                        description =
                                "Ringstream routing: the PBX's route requests, agent desktops,"
                                        + " supervisors' live view and figures."))
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
