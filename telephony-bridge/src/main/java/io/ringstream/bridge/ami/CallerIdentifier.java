package io.ringstream.bridge.ami;

import io.ringstream.bridge.agi.CustomerListener;
import io.ringstream.events.Channel;
import io.ringstream.events.ContactEvent;
import io.ringstream.events.ContactEventType;
import io.ringstream.routing.contract.CallerIdentificationAnswer;
import io.ringstream.routing.contract.CallerIdentificationRequest;
import io.ringstream.routing.contract.client.RoutingException;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identifies the caller of every voice call the bridge sees arrive over AMI, for calls Asterisk
 * queues itself (app_queue, no FastAGI route request that would carry the number): it asks
 * routing-service with the ARRIVED event's {@code callerIdNum} and hands a named customer to {@link
 * CustomerListener} (the bridge's {@code customerIdentified}: IDENTIFIED once, and the customer on
 * the contact's later events).
 *
 * <p><b>Never in the AMI path's way.</b> {@link #arrived} only offers a task to a small pool with a
 * bounded queue and returns; when the queue is full the ask is skipped and counted (the contact
 * stays unidentified, as it would be without this). A slow or down routing-service costs at most
 * the pool's threads for the client's timeout each; every failure is counted, and logged once per
 * {@link #LOG_EVERY} so an outage does not flood the log. Events mapped before the answer comes
 * carry no customer; every event after it does.
 *
 * <p><b>Pending asks.</b> A contact is pending from its ask being queued until its answer; the
 * bridge reports each contact's end ({@link #ended}), and an answer for a contact that ended
 * meanwhile is dropped (counted as late) rather than stamped: the contact's events are over, and
 * stamping would re-learn a customer the bridge had just forgotten. The set holds at most the
 * pool's threads and queue.
 */
public final class CallerIdentifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallerIdentifier.class);

    /** Concurrent asks: identification is a lookup of one indexed row, answered in milliseconds. */
    public static final int DEFAULT_THREADS = 2;

    /** Asks that may wait: far more arrivals than a PBX has in the seconds of a slow answer. */
    public static final int DEFAULT_QUEUE = 1_000;

    static final int LOG_EVERY = 100;

    private final CallerLookup lookup;
    private final CustomerListener customers;
    private final ThreadPoolExecutor pool;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    private final LongAdder asked = new LongAdder();
    private final LongAdder identified = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder late = new LongAdder();

    public CallerIdentifier(CallerLookup lookup, CustomerListener customers) {
        this(lookup, customers, DEFAULT_THREADS, DEFAULT_QUEUE);
    }

    public CallerIdentifier(
            CallerLookup lookup, CustomerListener customers, int threads, int queueCapacity) {
        if (threads < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("need at least one thread and one queue slot");
        }
        this.lookup = lookup;
        this.customers = customers;
        AtomicInteger n = new AtomicInteger();
        this.pool =
                new ThreadPoolExecutor(
                        threads,
                        threads,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(queueCapacity),
                        r -> {
                            Thread t = new Thread(r, "ami-caller-id-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        },
                        new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * A contact event the bridge published: when it is a voice call's ARRIVED with a caller number,
     * queues an ask for its customer. Never blocks.
     */
    public void arrived(ContactEvent event) {
        if (event.type() != ContactEventType.ARRIVED
                || event.channel() != Channel.VOICE
                || event.customerId() != null) {
            return;
        }
        String number = event.attributes().get("callerIdNum");
        if (!dialable(number)) {
            return;
        }
        String contactId = event.contactId();
        pending.add(contactId);
        try {
            pool.execute(() -> ask(event.tenant(), contactId, number));
        } catch (RejectedExecutionException full) {
            pending.remove(contactId);
            skipped.increment();
            if (skipped.sum() % LOG_EVERY == 1) {
                LOG.warn(
                        "caller identification queue full: {} arrivals not identified so far",
                        skipped.sum());
            }
        }
    }

    /** The contact ended (its ENDED was published): an answer still to come is dropped. */
    public void ended(String contactId) {
        if (contactId != null) {
            pending.remove(contactId);
        }
    }

    public Stats stats() {
        return new Stats(
                asked.sum(),
                identified.sum(),
                unknown.sum(),
                refused.sum(),
                failed.sum(),
                skipped.sum(),
                late.sum(),
                pool.getQueue().size());
    }

    /** Drops queued asks and interrupts running ones: the bridge is stopping. */
    @Override
    public void close() {
        pool.shutdownNow();
    }

    private void ask(String tenant, String contactId, String number) {
        try {
            askPending(tenant, contactId, number);
        } finally {
            pending.remove(contactId);
        }
    }

    private void askPending(String tenant, String contactId, String number) {
        asked.increment();
        CallerIdentificationAnswer answer;
        try {
            answer =
                    lookup.identify(
                            contactId, new CallerIdentificationRequest(number, Channel.VOICE));
        } catch (RuntimeException e) {
            if (e instanceof RoutingException r && r.status() == 422) {
                // Not a phone number in the tenant's region (a SIP name, a short extension).
                refused.increment();
                LOG.debug("caller of {} is not a phone number: {}", contactId, e.getMessage());
                return;
            }
            failed.increment();
            if (failed.sum() % LOG_EVERY == 1) {
                LOG.warn(
                        "identifying the caller of {} failed ({} failures so far): {}",
                        contactId,
                        failed.sum(),
                        e.getMessage());
            }
            return;
        }
        if (answer == null || answer.customerId() == null) {
            unknown.increment();
            return;
        }
        if (!pending.contains(contactId)) {
            late.increment();
            return;
        }
        identified.increment();
        try {
            customers.identified(tenant, contactId, answer.customerId());
        } catch (RuntimeException e) {
            LOG.error("stamping customer of {} failed", contactId, e);
        }
    }

    /** A number worth asking about: some digit in it (not "anonymous", "<unknown>" or blank). */
    static boolean dialable(String number) {
        return number != null
                && number.length() <= 64
                && number.chars().anyMatch(Character::isDigit);
    }

    /**
     * Counters since start.
     *
     * @param asked asks sent to routing-service
     * @param identified answers naming a customer
     * @param unknown answers naming none (unknown, or several candidates)
     * @param refused numbers routing-service refused as not phone numbers (422)
     * @param failed asks without an answer (unreachable, timeout, other refusals)
     * @param skipped arrivals not asked about because the queue was full
     * @param late customers named after their contact had ended, not stamped
     * @param queued asks waiting now
     */
    public record Stats(
            long asked,
            long identified,
            long unknown,
            long refused,
            long failed,
            long skipped,
            long late,
            int queued) {}
}
