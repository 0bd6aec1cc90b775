package io.ringstream.routing.screenpop;

import io.ringstream.routing.contract.ChannelIdentity;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ChannelIdentification} on the screen-pop executor with {@code timeout}, as {@link
 * BoundedCallerIdentifier} does for callers: a slow or down PostgreSQL, or a full queue, leaves the
 * contact without a customer for this ask (logged), and the work that missed the deadline still
 * records its answer for the next ask. An identity the normalisation refuses is the one failure
 * passed on ({@link InvalidIdentityException}), so the request is answered 422.
 */
public final class BoundedChannelIdentifier implements ChannelIdentifier {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedChannelIdentifier.class);

    private final ChannelIdentification identification;
    private final Executor executor;
    private final Duration timeout;

    public BoundedChannelIdentifier(
            ChannelIdentification identification, Executor executor, Duration timeout) {
        this.identification = identification;
        this.executor = executor;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Identification> identify(
            String tenant, String contactId, ChannelIdentity identity) {
        CompletableFuture<Identification> work;
        try {
            work =
                    CompletableFuture.supplyAsync(
                            () -> identification.identify(tenant, contactId, identity), executor);
        } catch (RejectedExecutionException full) {
            LOG.warn("contact {}/{} not identified: too many lookups pending", tenant, contactId);
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
                                    "contact {}/{} not identified, routed without a customer: {}",
                                    tenant,
                                    contactId,
                                    e.toString());
                            return Identification.UNKNOWN;
                        });
    }
}
