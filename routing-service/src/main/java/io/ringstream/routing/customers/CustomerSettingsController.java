package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.customers.identity.IdentityNormaliser;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code /v1/admin/customer-settings}: the tenant admin sets the region national phone numbers are
 * read in, and whether unknown callers become new customers.
 */
@Controller("/v1/admin/customer-settings")
@Tag(name = "admin")
@Secured("ADMIN")
@Requires(beans = DataSource.class)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CustomerSettingsController {
    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    private final CustomerSettingsStore store;
    private final Clock clock;

    public CustomerSettingsController(CustomerSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Get
    @Operation(summary = "The tenant's customer settings (defaults when never saved)")
    public CustomerSettings get(Authentication authentication) {
        return store.settings(Callers.of(authentication).tenant());
    }

    @Put
    @Operation(
            summary = "Set the tenant's customer settings",
            description =
                    "defaultRegion: ISO 3166-1 alpha-2 (null: international numbers only);"
                            + " createUnknownCallers: default true")
    @ApiResponse(
            responseCode = "422",
            description = "not a region with a phone numbering plan",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public CustomerSettings put(Authentication authentication, @Body CustomerSettingsBody body) {
        String region = region(body.defaultRegion());
        CustomerSettings settings =
                new CustomerSettings(
                        region, body.createUnknownCallers() == null || body.createUnknownCallers());
        store.save(Callers.of(authentication).tenant(), settings, clock.instant());
        return settings;
    }

    private static String region(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String code = given.strip().toUpperCase(Locale.ROOT);
        boolean valid = ALPHA_2.matcher(code).matches() && ISO_COUNTRIES.contains(code);
        if (valid) {
            try {
                IdentityNormaliser.forRegion(code);
            } catch (IllegalArgumentException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw CustomerProblems.invalid(
                    List.of(
                            "defaultRegion '"
                                    + given.strip()
                                    + "' is no ISO 3166-1 alpha-2 region with a phone"
                                    + " numbering plan, e.g. ES"));
        }
        return code;
    }
}
