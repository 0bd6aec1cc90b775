package io.ringstream.routing.business;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.routing.contract.BusinessEventAccepted;
import io.ringstream.routing.contract.BusinessEventRequest;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * {@code POST /v1/business-events}: where a booking system reports bookings, payments and lead
 * changes, with its INGEST client credentials (or an admin, by hand). The tenant is the token's.
 */
@Controller("/v1/business-events")
@Tag(name = "customers")
@Secured({"INGEST", "ADMIN"})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = DataSource.class)
@SerdeImport(BusinessEventRequest.class)
@SerdeImport(BusinessEventRequest.IdentityReference.class)
@SerdeImport(BusinessEventAccepted.class)
public class BusinessEventController {
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Printable ASCII without spaces, as the IETF Idempotency-Key draft's UUIDs and tokens are. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final BusinessEventService events;

    public BusinessEventController(BusinessEventService events) {
        this.events = events;
    }

    @Post
    @Operation(
            summary = "Report a booking, payment or lead change against a customer, exactly once",
            description =
                    "Needs the Idempotency-Key header (400 without it). The customer is named by"
                            + " customerId (a merged id resolves to its survivor; 404 when unknown) or"
                            + " by identity (a new customer is created for an unknown identity; 409"
                            + " when it matches several customers). 201 the first time; a replay with"
                            + " the same key and request answers 200 with the first answer"
                            + " (replayed=true) and publishes nothing; the same key with another"
                            + " request is 422.")
    public HttpResponse<BusinessEventAccepted> report(
            Authentication authentication,
            @Nullable @Header(IDEMPOTENCY_KEY) String idempotencyKey,
            @Body BusinessEventRequest request) {
        Caller caller = Callers.of(authentication);
        String key = key(idempotencyKey);
        BusinessEventService.Outcome outcome =
                events.accept(caller.tenant(), key, request, caller.subject());
        return HttpResponse.<BusinessEventAccepted>status(
                        outcome.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(outcome.accepted());
    }

    private static String key(String header) {
        if (header == null || header.isBlank()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "idempotency-key-required",
                    "Idempotency-Key required",
                    "send an Idempotency-Key header (e.g. a UUID) so a retry cannot book twice");
        }
        if (!KEY.matcher(header).matches()) {
            throw new ProblemException(
                    HttpStatus.BAD_REQUEST,
                    "invalid-idempotency-key",
                    "Invalid Idempotency-Key",
                    "Idempotency-Key is 1 to 255 printable ASCII characters without spaces");
        }
        return header;
    }
}
