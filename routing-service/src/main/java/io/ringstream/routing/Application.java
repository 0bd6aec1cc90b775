package io.ringstream.routing;

import io.micronaut.runtime.Micronaut;

/** Starts the routing service; the launcher runs it as {@code java -jar routing-service.jar}. */
public final class Application {
    private Application() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
