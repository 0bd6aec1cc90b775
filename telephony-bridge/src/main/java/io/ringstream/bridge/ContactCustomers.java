package io.ringstream.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The customers the bridge has learned for its live contacts (from routing-service's route
 * answers), so the AMI mapper can stamp the customer id on every later event of the contact. Shared
 * by the FastAGI threads, which learn, and the AMI worker, which reads and forgets; thread-safe.
 *
 * <p><b>Lifetime of an entry.</b> It is created when a route answer first names the contact's
 * customer, replaced when an answer names another, and removed when the contact's ENDED event is
 * mapped (the caller's hangup, the last event of a contact; ABANDONED is followed by it, so the
 * hangup is stamped too). A contact whose ENDED never arrives (a hangup during an AMI outage) is
 * evicted once {@code capacity} newer contacts were learned: the map holds at most {@code capacity}
 * entries, and a full map drops the entry learned longest ago.
 */
public final class ContactCustomers {
    /** Far more contacts than one PBX has live at once, at about 200 bytes each. */
    public static final int DEFAULT_CAPACITY = 50_000;

    private final int capacity;
    private final Map<String, String> byContact;
    private long evicted;

    public ContactCustomers() {
        this(DEFAULT_CAPACITY);
    }

    public ContactCustomers(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, not " + capacity);
        }
        this.capacity = capacity;
        // Insertion order (not access order): the oldest learned entry goes first.
        this.byContact =
                new LinkedHashMap<>(16, 0.75f, false) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                        if (size() > ContactCustomers.this.capacity) {
                            evicted++;
                            return true;
                        }
                        return false;
                    }
                };
    }

    /**
     * Remembers that {@code contactId}'s customer is {@code customerId}.
     *
     * @return true when this is news (the contact had no customer, or another one), false when the
     *     bridge already knew it
     */
    public synchronized boolean learn(String contactId, String customerId) {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(customerId, "customerId");
        String before = byContact.get(contactId);
        if (customerId.equals(before)) {
            return false;
        }
        if (before != null) {
            // A changed customer counts as newly learned: it moves to the young end.
            byContact.remove(contactId);
        }
        byContact.put(contactId, customerId);
        return true;
    }

    /** The contact's customer, null when the bridge does not know it. */
    public synchronized String customerOf(String contactId) {
        return contactId == null ? null : byContact.get(contactId);
    }

    /** The contact is over: its entry goes. */
    public synchronized void forget(String contactId) {
        if (contactId != null) {
            byContact.remove(contactId);
        }
    }

    public synchronized int size() {
        return byContact.size();
    }

    /** Entries dropped because the map was full. */
    public synchronized long evicted() {
        return evicted;
    }

    public int capacity() {
        return capacity;
    }
}
