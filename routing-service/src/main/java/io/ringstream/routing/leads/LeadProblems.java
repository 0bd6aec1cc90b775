package io.ringstream.routing.leads;

import io.micronaut.http.HttpStatus;
import io.ringstream.customers.model.IllegalStageChangeException;
import io.ringstream.routing.web.ProblemException;
import java.util.UUID;

/**
 * The problems of the lead, note and business-event endpoints. "Not found" is also the answer for
 * another tenant's customer or lead, so ids of other tenants leak nothing (never 403).
 */
public final class LeadProblems {
    /** The stage rule in words, for a refused move. */
    public static final String STAGE_RULE =
            "a lead moves forward only (NEW, CONTACTED, QUALIFIED, QUOTED, BOOKED, PAID) and may"
                    + " skip stages; it may be LOST, with a reason, from any stage before PAID;"
                    + " PAID and LOST are final";

    private LeadProblems() {}

    public static ProblemException customerNotFound(Object id) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "unknown-customer",
                "Unknown customer",
                "no customer '" + id + "' in this tenant");
    }

    public static ProblemException leadNotFound(Object id) {
        return new ProblemException(
                HttpStatus.NOT_FOUND, "unknown-lead", "Unknown lead", "no lead '" + id + "'");
    }

    public static ProblemException illegalStageChange(IllegalStageChangeException e) {
        return new ProblemException(
                HttpStatus.CONFLICT,
                "illegal-stage-change",
                "Illegal stage change",
                e.getMessage() + ": " + STAGE_RULE);
    }

    /** A lead named together with a customer it does not belong to. */
    public static ProblemException leadOfAnotherCustomer(UUID lead, UUID customer) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "lead-of-another-customer",
                "Lead of another customer",
                "lead '" + lead + "' belongs to another customer than '" + customer + "'");
    }

    /** A path id that is not a UUID names nothing: 404 like any unknown id. */
    public static UUID customerId(String text) {
        return uuid(text).orElseThrow(() -> customerNotFound(text));
    }

    public static UUID leadId(String text) {
        return uuid(text).orElseThrow(() -> leadNotFound(text));
    }

    static java.util.Optional<UUID> uuid(String text) {
        try {
            // UUID.fromString also takes short forms such as 1-2-3-4-5: only the canonical one.
            return text == null || text.strip().length() != 36
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(UUID.fromString(text.strip()));
        } catch (IllegalArgumentException notAUuid) {
            return java.util.Optional.empty();
        }
    }
}
