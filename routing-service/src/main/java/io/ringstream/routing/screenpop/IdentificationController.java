package io.ringstream.routing.screenpop;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.ringstream.routing.contract.CallerIdentificationAnswer;
import io.ringstream.routing.contract.CallerIdentificationRequest;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * {@code POST /v1/contacts/{contactId}/identification}: who is calling on a contact, for the PBX
 * side when Asterisk routes the call itself and no route request carries the caller's number. Glue
 * over {@link ContactIdentifications}; the tenant is the token's.
 */
@Controller("/v1/contacts/{contactId}/identification")
@Tag(name = "pbx")
@Secured({"PBX", "ADMIN"})
@Requires(beans = DataSource.class)
@SerdeImport(CallerIdentificationRequest.class)
@SerdeImport(CallerIdentificationAnswer.class)
public class IdentificationController {
    private final ContactIdentifications identifications;

    public IdentificationController(ContactIdentifications identifications) {
        this.identifications = identifications;
    }

    /**
     * Identifies the contact's caller by number, once per contact: the first ask (this one or a
     * route request's) decides, and every later ask gets the same answer, so a number asked twice
     * is one customer and at most one lead.
     */
    @Post
    @Operation(
            summary = "Identify a contact's caller by number",
            description =
                    "One customer, several candidates (nothing linked) or nobody; an unknown"
                            + " number becomes a new customer with a lead when the tenant's setting"
                            + " says so. The same record `POST /v1/route` uses for the contact.")
    @ApiResponse(responseCode = "200", description = "the contact's identification")
    @ApiResponse(responseCode = "400", description = "no callerNumber, or a malformed contact id")
    @ApiResponse(
            responseCode = "422",
            description = "callerNumber is not a phone number in the tenant's region")
    @ApiResponse(
            responseCode = "503",
            description = "the customer store is busy or slow; ask again after Retry-After")
    public CompletableFuture<CallerIdentificationAnswer> identify(
            Authentication authentication,
            @PathVariable String contactId,
            @Body CallerIdentificationRequest request) {
        String tenant = Callers.of(authentication).tenant();
        Requests.id(contactId, "contactId");
        if (request.callerNumber() == null || request.callerNumber().isBlank()) {
            throw Requests.invalid("callerNumber is required");
        }
        if (request.callerNumber().length() > 64) {
            throw Requests.invalid("callerNumber is longer than 64 characters");
        }
        return identifications
                .identify(tenant, contactId, request.callerNumber(), request.channelOrDefault())
                .thenApply(IdentificationController::answer);
    }

    private static CallerIdentificationAnswer answer(Identification identification) {
        return new CallerIdentificationAnswer(
                identification.customerIdText(),
                identification.candidates().stream().map(UUID::toString).toList(),
                identification.createdLeadId() == null
                        ? null
                        : identification.createdLeadId().toString());
    }
}
