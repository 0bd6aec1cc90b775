package io.ringstream.routing.web;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.Map;

/**
 * Liveness for the launcher and container health checks: answers as soon as HTTP is up, without a
 * token, and says nothing else.
 */
@Controller("/health")
@Secured(SecurityRule.IS_ANONYMOUS)
public class HealthController {

    @Get
    public Map<String, String> health() {
        return Map.of("status", "UP");
    }
}
