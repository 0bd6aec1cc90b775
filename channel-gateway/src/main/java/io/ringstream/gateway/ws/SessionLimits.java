package io.ringstream.gateway.ws;

import io.ringstream.gateway.ChatLimits;
import java.util.HashMap;
import java.util.Map;

/**
 * The gateway-wide bounds on WebSocket connections: how many are open in all and per remote
 * address, and each address's shared message rate. State lifetime: an address's entry lives while
 * it has an open connection, so the map is bounded by the open connections. Thread-safe.
 */
public final class SessionLimits {
    private final ChatLimits limits;
    private final Map<String, Address> addresses = new HashMap<>();
    private int open;

    private static final class Address {
        int sessions;
        final TokenBucket rate;

        Address(TokenBucket rate) {
            this.rate = rate;
        }
    }

    public SessionLimits(ChatLimits limits) {
        this.limits = limits;
    }

    /** Counts a new connection from {@code address}, or refuses it (false) over a cap. */
    public synchronized boolean open(String address, long nowNanos) {
        Address a = addresses.get(address);
        if (open >= limits.maxSessions()
                || (a != null && a.sessions >= limits.maxSessionsPerAddress())) {
            return false;
        }
        if (a == null) {
            int rate = limits.addressMessagesPerSecond();
            a = new Address(new TokenBucket(rate, rate, nowNanos));
            addresses.put(address, a);
        }
        a.sessions++;
        open++;
        return true;
    }

    /** A connection {@link #open} admitted has closed. */
    public synchronized void closed(String address) {
        Address a = addresses.get(address);
        if (a == null) {
            return;
        }
        open--;
        if (--a.sessions == 0) {
            addresses.remove(address);
        }
    }

    /** Whether the address may send one more message now. */
    public boolean addressMayPass(String address, long nowNanos) {
        Address a;
        synchronized (this) {
            a = addresses.get(address);
        }
        return a == null || a.rate.take(nowNanos);
    }

    public synchronized int open() {
        return open;
    }
}
