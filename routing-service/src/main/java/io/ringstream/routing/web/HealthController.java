package io.ringstream.routing.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/** Liveness for the launcher and container health checks: answers as soon as HTTP is up. */
@Controller("/health")
public class HealthController {

    @Get
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
