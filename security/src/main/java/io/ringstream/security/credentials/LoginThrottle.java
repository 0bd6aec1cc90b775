package io.ringstream.security.credentials;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: each account and each remote address has a bucket of failed
 * attempts (token buckets from bucket4j). While either bucket is empty, logins for that account or
 * from that address are refused before the password is even checked, with the time until the next
 * attempt is allowed. A success refills the account's bucket.
 *
 * <p>State lifetime: one bucket per account and per address seen failing, in memory, bounded to the
 * {@value #MAX_KEYS} most recently used keys per kind; a restart forgets them.
 */
public final class LoginThrottle {
    static final int MAX_KEYS = 100_000;

    /** How many failures a bucket holds, and how fast they are forgiven. */
    public record Limit(int failures, Duration per) {}

    /** 5 wrong passwords per account, then one more try a minute. */
    public static final Limit PER_ACCOUNT = new Limit(5, Duration.ofMinutes(5));

    /** 50 failures per address (a NAT'd office logs in many agents), refilled over a minute. */
    public static final Limit PER_ADDRESS = new Limit(50, Duration.ofMinutes(1));

    private final Limit perAccount;
    private final Limit perAddress;
    private final TimeMeter time;
    private final Map<String, Bucket> accounts = lru();
    private final Map<String, Bucket> addresses = lru();

    public LoginThrottle(Limit perAccount, Limit perAddress, TimeMeter time) {
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.time = time;
    }

    /** The production throttle, on the system clock. */
    public static LoginThrottle standard() {
        return new LoginThrottle(PER_ACCOUNT, PER_ADDRESS, TimeMeter.SYSTEM_NANOTIME);
    }

    /** How long to wait before {@code account} may try again from {@code address}; empty: now. */
    public synchronized Optional<Duration> waitBefore(String account, String address) {
        long nanos = Math.max(waitNanos(accounts, account), waitNanos(addresses, address));
        return nanos == 0 ? Optional.empty() : Optional.of(Duration.ofNanos(nanos));
    }

    public synchronized void failed(String account, String address) {
        bucket(accounts, account, perAccount).tryConsume(1);
        bucket(addresses, address, perAddress).tryConsume(1);
    }

    public synchronized void succeeded(String account) {
        accounts.remove(account);
    }

    private static long waitNanos(Map<String, Bucket> buckets, String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 0;
        }
        return bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
    }

    private Bucket bucket(Map<String, Bucket> buckets, String key, Limit limit) {
        return buckets.computeIfAbsent(
                key,
                k ->
                        Bucket.builder()
                                .addLimit(
                                        l ->
                                                l.capacity(limit.failures())
                                                        .refillGreedy(
                                                                limit.failures(), limit.per()))
                                .withCustomTimePrecision(time)
                                .build());
    }

    private static Map<String, Bucket> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > MAX_KEYS;
            }
        };
    }
}
