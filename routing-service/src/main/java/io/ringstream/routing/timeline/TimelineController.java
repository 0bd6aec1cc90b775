package io.ringstream.routing.timeline;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.exceptions.TransactionException;
import io.ringstream.routing.security.Callers;
import io.ringstream.routing.web.ProblemException;
import io.ringstream.routing.web.Requests;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/customers/{id}/timeline}: everything that happened to a customer, newest first,
 * for agents (the customer on the line) and supervisors of the customer's tenant (admins manage
 * users and settings, not contact data: docs/security.md). Thin glue over {@link TimelineService};
 * see docs/customers.md, "Timeline".
 */
@Controller("/v1/customers")
@Secured({"AGENT", "SUPERVISOR"})
@Requires(beans = DataSource.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "customers")
public class TimelineController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private static final Logger LOG = LoggerFactory.getLogger(TimelineController.class);

    private final TimelineService timeline;

    public TimelineController(TimelineService timeline) {
        this.timeline = timeline;
    }

    @Get("/{id}/timeline")
    @Operation(
            summary =
                    "A customer's contacts, messages, SLA events, lead stages, bookings, payments"
                            + " and notes, newest first")
    public TimelinePage timeline(
            Authentication authentication,
            @PathVariable String id,
            @Parameter(description = "items per page, 1 to 200 (default 50)") @Nullable @QueryValue
                    String limit,
            @Parameter(description = "the nextBefore of the previous page") @Nullable @QueryValue
                    String before) {
        String tenant = Callers.of(authentication).tenant();
        int size = limit(limit);
        TimelineCursor cursor = cursor(before);
        UUID customer = uuid(id);
        try {
            return timeline.page(tenant, customer, cursor, size).orElseThrow(() -> unknown(id));
        } catch (DataAccessException | TransactionException e) {
            LOG.warn("Timeline unavailable", e);
            ProblemException problem =
                    new ProblemException(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "customers-unavailable",
                            "Customers unavailable",
                            "the customer store did not answer");
            problem.initCause(e);
            throw problem;
        }
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.strip());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw Requests.invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static TimelineCursor cursor(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return TimelineCursor.decode(before.strip());
        } catch (IllegalArgumentException e) {
            throw Requests.invalid("before: " + e.getMessage());
        }
    }

    /** A malformed id names no customer: 404 like an unknown one, so ids reveal nothing. */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw unknown(id);
        }
    }

    private static ProblemException unknown(String id) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "unknown-customer",
                "Unknown customer",
                "no customer '" + TimelineItem.shorten(id, 64) + "' in this tenant");
    }
}
