package io.ringstream.routing.core;

/** Immutable sort keys for the engine's indexes, so an entry can be removed by its old key. */
final class Keys {
    private Keys() {}

    /** Routing order of a contact: higher priority, then earlier enqueue, then arrival. */
    record ContactKey(int priority, long enqueuedAt, long seq, String contactId)
            implements Comparable<ContactKey> {
        @Override
        public int compareTo(ContactKey o) {
            int c = Integer.compare(o.priority, priority);
            if (c != 0) {
                return c;
            }
            c = Long.compare(enqueuedAt, o.enqueuedAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** A deadline of something named by id. */
    record TimeKey(long at, String id) implements Comparable<TimeKey> {
        @Override
        public int compareTo(TimeKey o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }
}
