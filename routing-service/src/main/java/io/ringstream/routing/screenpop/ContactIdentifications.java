package io.ringstream.routing.screenpop;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.ringstream.customers.identity.IdentityKind;
import io.ringstream.customers.identity.Normalisation;
import io.ringstream.events.Channel;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.customers.CustomerSettingsStore;
import io.ringstream.routing.web.ProblemException;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caller identification asked for explicitly, for contacts that routing-service does not route (the
 * bridge's AMI side, for calls Asterisk queues itself). The same {@link CallerIdentification} as
 * {@code POST /v1/route}, so a contact has one record in {@code contact_identifications}, at most
 * one created lead, and whichever path asks first decides for both.
 *
 * <p>Unlike the route path, which must answer in time and so treats a slow lookup as "unknown",
 * this one answers the truth or a 503: the bridge asks off its hot path and can ask again, and a
 * late lookup still records its answer for that next ask. It runs on the screen-pop pool (bounded:
 * a full queue is a 503 at once, never a pile of blocked HTTP threads).
 */
@Singleton
@Requires(beans = DataSource.class)
public class ContactIdentifications {
    private static final Logger LOG = LoggerFactory.getLogger(ContactIdentifications.class);

    /** How long an ask may take before the client gets a 503 (the lookup goes on and records). */
    static final Duration DEADLINE = Duration.ofSeconds(5);

    private final CallerIdentification identification;
    private final CustomerSettingsStore settings;
    private final ExecutorService executor;

    public ContactIdentifications(
            CustomerResolver customers,
            ContactIdentificationStore store,
            CustomerSettingsStore settings,
            @Named("screen-pop") ExecutorService executor) {
        this.identification = new CallerIdentification(customers, store);
        this.settings = settings;
        this.executor = executor;
    }

    /**
     * The contact's identification; completes exceptionally with a {@link ProblemException}: 422
     * when the number is not a phone number in the tenant's region (nothing is recorded), 503 when
     * the store is busy or slow.
     */
    public CompletableFuture<Identification> identify(
            String tenant, String contactId, String callerNumber, Channel channel) {
        CompletableFuture<Identification> work;
        try {
            work =
                    CompletableFuture.supplyAsync(
                            () -> {
                                refuseIfNotANumber(tenant, callerNumber);
                                return identification.identify(
                                        tenant, contactId, callerNumber, channel);
                            },
                            executor);
        } catch (RejectedExecutionException full) {
            return CompletableFuture.failedFuture(unavailable("too many lookups pending", null));
        }
        return work.copy()
                .orTimeout(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(
                        e -> {
                            Throwable cause =
                                    e instanceof CompletionException && e.getCause() != null
                                            ? e.getCause()
                                            : e;
                            if (cause instanceof ProblemException problem) {
                                return CompletableFuture.failedFuture(problem);
                            }
                            LOG.warn(
                                    "caller of {}/{} not identified: {}",
                                    tenant,
                                    contactId,
                                    cause.toString());
                            return CompletableFuture.failedFuture(
                                    unavailable(
                                            cause instanceof TimeoutException
                                                    ? "the customer store did not answer in time"
                                                    : "the customer store is unavailable",
                                            cause));
                        });
    }

    /** The tenant's region decides what a national number means: one primary-key read. */
    private void refuseIfNotANumber(String tenant, String callerNumber) {
        Normalisation normalised =
                settings.settings(tenant).normaliser().normalise(IdentityKind.PHONE, callerNumber);
        if (normalised instanceof Normalisation.Refused refused) {
            throw new ProblemException(
                    HttpStatus.UNPROCESSABLE_ENTITY,
                    "identity-refused",
                    "Identity refused",
                    refused.reason()
                            + ": callerNumber is not a phone number: "
                            + refused.message());
        }
    }

    private static ProblemException unavailable(String detail, Throwable cause) {
        ProblemException problem =
                new ProblemException(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "identification-unavailable",
                                "Caller identification unavailable",
                                detail + "; ask again")
                        .retryAfter(1);
        if (cause != null) {
            problem.initCause(cause);
        }
        return problem;
    }
}
