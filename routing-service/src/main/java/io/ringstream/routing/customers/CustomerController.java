package io.ringstream.routing.customers;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.Problem;
import io.ringstream.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.Nullable;
import java.net.URI;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code /v1/customers}: the customer records of the caller's tenant (docs/customers.md, "API").
 * Agents, supervisors and admins read and write them; merging is for supervisors and admins, and
 * erasure for admins. The tenant is the token's; another tenant's customer is 404, never 403. Thin:
 * the services hold the rules, the stores the SQL.
 */
@Controller("/v1/customers")
@Tag(name = "customers")
@Requires(beans = DataSource.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@ApiResponse(
        responseCode = "4XX",
        description = "a problem: 400 malformed, 401, 403 role, 404 unknown or another tenant's",
        content =
                @Content(
                        mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)))
public class CustomerController {

    private final CustomerService customers;
    private final CustomerMerger merger;
    private final CustomerEraser eraser;

    public CustomerController(
            CustomerService customers, CustomerMerger merger, CustomerEraser eraser) {
        this.customers = customers;
        this.merger = merger;
        this.eraser = eraser;
    }

    @Post
    @Secured({"AGENT", "SUPERVISOR", "ADMIN"})
    @Operation(summary = "Create a customer, with its identities")
    @ApiResponse(
            responseCode = "201",
            description = "created; Location and ETag name it",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = CustomerView.class)))
    @ApiResponse(
            responseCode = "409",
            description = "an identity belongs to another customer",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "422",
            description = "invalid fields or a refused identity",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<CustomerView> create(
            Authentication authentication, @Body CustomerRequest body) {
        Caller caller = Callers.of(authentication);
        CustomerView created = customers.create(caller.tenant(), caller.subject(), body);
        return withEtag(HttpResponse.created(created, URI.create(location(created))), created);
    }

    @Get
    @Secured({"AGENT", "SUPERVISOR", "ADMIN"})
    @Operation(
            summary = "Search customers: all, or by one of name prefix, phone, email, externalId",
            description =
                    "Pages of at most `limit` (1-100, default 20); `next` is the cursor of the"
                            + " next page, null on the last")
    public CustomerPage search(
            Authentication authentication,
            @Nullable @QueryValue @Parameter(description = "name prefix, any case") String name,
            @Nullable @QueryValue @Parameter(description = "a phone number in any format")
                    String phone,
            @Nullable @QueryValue String email,
            @Nullable @QueryValue @Parameter(description = "system:id") String externalId,
            @Nullable @QueryValue Integer limit,
            @Nullable @QueryValue String cursor) {
        return customers.search(
                Callers.of(authentication).tenant(), name, phone, email, externalId, limit, cursor);
    }

    @Get("/{id}")
    @Secured({"AGENT", "SUPERVISOR", "ADMIN"})
    @Operation(
            summary = "Read a customer; ETag is its version",
            description =
                    "A merged customer's id answers its survivor (200, Content-Location names it)")
    public HttpResponse<CustomerView> get(Authentication authentication, @PathVariable String id) {
        UUID requested = id(id);
        CustomerView customer = customers.get(Callers.of(authentication).tenant(), requested);
        MutableHttpResponse<CustomerView> response = withEtag(HttpResponse.ok(customer), customer);
        if (!customer.id().equals(requested.toString())) {
            response.header(HttpHeaders.CONTENT_LOCATION, location(customer));
        }
        return response;
    }

    @Put("/{id}")
    @Secured({"AGENT", "SUPERVISOR", "ADMIN"})
    @Operation(summary = "Replace a customer's fields (identities excepted); If-Match required")
    @ApiResponse(
            responseCode = "412",
            description = "If-Match names an older version",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "428",
            description = "no If-Match",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<CustomerView> update(
            Authentication authentication,
            @PathVariable String id,
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body CustomerRequest body) {
        Caller caller = Callers.of(authentication);
        CustomerView updated =
                customers.update(caller.tenant(), caller.subject(), id(id), body, ifMatch);
        return withEtag(HttpResponse.ok(updated), updated);
    }

    @Post("/{id}/identities")
    @Secured({"AGENT", "SUPERVISOR", "ADMIN"})
    @Operation(summary = "Add an identity; If-Match optional")
    @ApiResponse(
            responseCode = "409",
            description = "another customer holds it",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    @ApiResponse(
            responseCode = "422",
            description = "refused, with its RefusalReason first",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<CustomerView> addIdentity(
            Authentication authentication,
            @PathVariable String id,
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body IdentityBody body) {
        Caller caller = Callers.of(authentication);
        CustomerView customer =
                customers.addIdentity(caller.tenant(), caller.subject(), id(id), body, ifMatch);
        return withEtag(HttpResponse.ok(customer), customer);
    }

    @Delete("/{id}/identities/{kind}/{value}")
    @Secured({"AGENT", "SUPERVISOR", "ADMIN"})
    @Operation(summary = "Remove an identity (value in any format); If-Match optional")
    public HttpResponse<CustomerView> removeIdentity(
            Authentication authentication,
            @PathVariable String id,
            @PathVariable String kind,
            @PathVariable String value,
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch) {
        Caller caller = Callers.of(authentication);
        CustomerView customer =
                customers.removeIdentity(
                        caller.tenant(), caller.subject(), id(id), kind, value, ifMatch);
        return withEtag(HttpResponse.ok(customer), customer);
    }

    @Post("/{survivorId}/merge")
    @Secured({"SUPERVISOR", "ADMIN"})
    @Operation(
            summary = "Merge another customer into this one, the survivor the user chose",
            description = "If-Match (the survivor's ETag) optional; the merged id redirects here")
    @ApiResponse(
            responseCode = "409",
            description = "refused: same customer, already merged, ...",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class)))
    public HttpResponse<CustomerView> merge(
            Authentication authentication,
            @PathVariable String survivorId,
            @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
            @Body MergeBody body) {
        Caller caller = Callers.of(authentication);
        CustomerView survivor =
                merger.merge(
                        caller.tenant(),
                        caller.subject(),
                        id(survivorId),
                        id(body.mergedId()),
                        body.reason(),
                        ifMatch);
        return withEtag(HttpResponse.ok(survivor), survivor);
    }

    @Post("/{id}/erasure")
    @Secured("ADMIN")
    @Operation(
            summary = "Erase a customer's personal data (a data-protection request)",
            description = "See docs/customers.md, Erasure, for what is removed and what is kept")
    public HttpResponse<CustomerView> erase(
            Authentication authentication, @PathVariable String id) {
        Caller caller = Callers.of(authentication);
        CustomerView erased = eraser.erase(caller.tenant(), caller.subject(), id(id));
        return withEtag(HttpResponse.ok(erased), erased);
    }

    /** A path or body id; text that is no UUID names no customer (404, like any unknown id). */
    private static UUID id(String text) {
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw CustomerProblems.notFound(text);
        }
    }

    private static String location(CustomerView customer) {
        return "/v1/customers/" + customer.id();
    }

    private static <T> MutableHttpResponse<T> withEtag(
            MutableHttpResponse<T> response, CustomerView customer) {
        return response.header(HttpHeaders.ETAG, customer.etag());
    }
}
