package io.ringstream.routing.screenpop;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs identification lookups (a caller's number: {@link #callers}; a chat identity: {@link
 * #channels}) on the screen-pop executor and gives each {@code timeout}, so every kind of contact
 * is bounded the same way: a slow or down PostgreSQL, or a full queue, leaves the contact without a
 * customer for this ask (logged), and routing goes on. Work that misses the deadline still finishes
 * and records its answer, which the contact's next ask then reads. An identity the normalisation
 * refuses is the one failure passed on ({@link InvalidIdentityException}), so the request is
 * answered 422.
 */
public final class IdentificationDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(IdentificationDeadline.class);

    private final Executor executor;
    private final Duration timeout;

    public IdentificationDeadline(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Callers' numbers, identified within the deadline. */
    public CallerIdentifier callers(CallerIdentification identification) {
        return (tenant, contactId, callerNumber, channel) ->
                run(
                        "caller of",
                        tenant,
                        contactId,
                        () -> identification.identify(tenant, contactId, callerNumber, channel));
    }

    /** Chat and messaging identities, identified within the deadline. */
    public ChannelIdentifier channels(ChannelIdentification identification) {
        return (tenant, contactId, identity) ->
                run(
                        "contact",
                        tenant,
                        contactId,
                        () -> identification.identify(tenant, contactId, identity));
    }

    /**
     * The lookup's answer, or {@link Identification#UNKNOWN} when it cannot start or finish in
     * time; {@code subject} names what is identified in the log ("caller of", "contact").
     */
    private CompletableFuture<Identification> run(
            String subject, String tenant, String contactId, Supplier<Identification> lookup) {
        CompletableFuture<Identification> work;
        try {
            work = CompletableFuture.supplyAsync(lookup, executor);
        } catch (RejectedExecutionException full) {
            LOG.warn(
                    "{} {}/{} not identified: too many lookups pending",
                    subject,
                    tenant,
                    contactId);
            return CompletableFuture.completedFuture(Identification.UNKNOWN);
        }
        return work.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(
                        e -> {
                            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                            if (cause instanceof InvalidIdentityException invalid) {
                                throw invalid;
                            }
                            LOG.warn(
                                    "{} {}/{} not identified, routed without a customer: {}",
                                    subject,
                                    tenant,
                                    contactId,
                                    e.toString());
                            return Identification.UNKNOWN;
                        });
    }
}
