package io.ringstream.routing.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.ringstream.routing.customers.CustomerResolver;
import io.ringstream.routing.screenpop.CallerIdentification;
import io.ringstream.routing.screenpop.CallerIdentifier;
import io.ringstream.routing.screenpop.ChannelIdentification;
import io.ringstream.routing.screenpop.ChannelIdentifier;
import io.ringstream.routing.screenpop.ContactIdentificationStore;
import io.ringstream.routing.screenpop.CustomerCardStore;
import io.ringstream.routing.screenpop.CustomerCards;
import io.ringstream.routing.screenpop.CustomerValues;
import io.ringstream.routing.screenpop.IdentificationDeadline;
import io.ringstream.routing.screenpop.RecentContacts;
import io.ringstream.routing.screenpop.ScreenPop;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wires caller identification, the linking of chat visitors to customers and the customer card when
 * there is a customer store (PostgreSQL); without one, routing and the assignment stream run
 * without customers ({@link CallerIdentifier#NONE}, {@link ScreenPop#NONE}).
 *
 * <p>Both run on one small bounded pool: a stalled PostgreSQL ties up at most its threads and
 * queue, and further lookups are refused at once (the caller is unknown for that ask) rather than
 * piling up behind the HTTP threads.
 */
@Factory
@Requires(beans = DataSource.class)
public class ScreenPopFactory {
    static final String EXECUTOR = "screen-pop";
    static final int THREADS = 8;
    static final int QUEUE = 512;

    /** How long a card is reused for the same offer (an offer rings for seconds). */
    static final Duration CARD_TTL = Duration.ofMinutes(1);

    @Singleton
    @Named(EXECUTOR)
    @Bean(preDestroy = "shutdownNow")
    ExecutorService screenPopExecutor() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(
                THREADS,
                THREADS,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "screen-pop-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** One pool and deadline for every kind of identity: callers' numbers, chat identities. */
    @Singleton
    IdentificationDeadline identificationDeadline(
            @Named(EXECUTOR) ExecutorService executor, RoutingProperties routing) {
        return new IdentificationDeadline(executor, routing.getCallerIdentificationTimeout());
    }

    @Singleton
    CallerIdentifier callerIdentifier(
            CustomerResolver customers,
            ContactIdentificationStore store,
            IdentificationDeadline deadline) {
        return deadline.callers(new CallerIdentification(customers, store));
    }

    /** Chat and messaging identities, with the same pool and deadline as callers' numbers. */
    @Singleton
    ChannelIdentifier channelIdentifier(
            CustomerResolver customers,
            ContactIdentificationStore store,
            IdentificationDeadline deadline) {
        return deadline.channels(new ChannelIdentification(customers, store));
    }

    @Singleton
    ScreenPop screenPop(
            CustomerResolver customers,
            ContactIdentificationStore identifications,
            CustomerCardStore cards,
            RecentContacts recent,
            Optional<CustomerValues> values,
            @Named(EXECUTOR) ExecutorService executor,
            RoutingProperties routing,
            Clock clock) {
        return new CustomerCards(
                customers,
                identifications,
                cards,
                recent,
                values.orElse(CustomerValues.NONE),
                executor,
                routing.getCustomerCardTimeout(),
                CARD_TTL,
                clock);
    }
}
