package io.ringstream.routing.customers;

import io.micronaut.http.HttpStatus;
import io.ringstream.customers.identity.Identity;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.customers.model.ModelViolationException;
import io.ringstream.routing.web.ProblemException;
import java.util.List;

/**
 * The problems the customer API answers with, one place so their types and titles stay stable. None
 * names another tenant's data: an id of another tenant is simply not found.
 */
final class CustomerProblems {
    private CustomerProblems() {}

    static ProblemException notFound(Object id) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "customer-not-found",
                "Customer not found",
                "no customer " + id);
    }

    /** 422: the fields break the model's rules; every broken rule is listed. */
    static ProblemException invalid(ModelViolationException e) {
        return invalid(e.violations());
    }

    static ProblemException invalid(List<String> violations) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "invalid-customer",
                "Invalid customer",
                String.join("; ", violations));
    }

    /** 422 with the refusal's reason code first, e.g. {@code INVALID_NUMBER: ...}. */
    static ProblemException refused(Normalisation.Refused refused) {
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "identity-refused",
                "Identity refused",
                refused.reason()
                        + ": "
                        + refused.kind()
                        + " '"
                        + refused.raw().strip()
                        + "': "
                        + refused.message());
    }

    /** 409: another customer of the same tenant holds the identity. */
    static ProblemException taken(Identity identity) {
        return new ProblemException(
                HttpStatus.CONFLICT,
                "identity-taken",
                "Identity taken",
                identity.key() + " belongs to another customer; merge them if they are one person");
    }

    static ProblemException preconditionRequired() {
        return new ProblemException(
                HttpStatus.PRECONDITION_REQUIRED,
                "if-match-required",
                "If-Match required",
                "send If-Match with the ETag of the version you read");
    }

    static ProblemException stale(long current) {
        return new ProblemException(
                HttpStatus.PRECONDITION_FAILED,
                "stale-version",
                "Stale version",
                "the customer changed since: it is at version "
                        + current
                        + "; read it again and retry");
    }

    static ProblemException badRequest(String detail) {
        return new ProblemException(
                HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }
}
