package io.ringstream.channels.conversation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One conversation's messages as the gateway numbers them, so that a resent message never
 * duplicates and a reconnecting client resumes from the last number it saw with no gap and no
 * duplicate, or is told plainly that it must resync (docs/channels.md, "Conversation numbering").
 *
 * <p>Visitor, agent and bot messages share one numbering: 1, 2, 3, ... in the order the log
 * accepted them. Numbers are never reused, even after an entry falls out of the history.
 *
 * <p>State and its lifetime: the log lives as long as its conversation (the gateway drops it when
 * the conversation closes). It keeps the newest {@code maxEntries} entries; older ones are evicted
 * first-in first-out and can no longer be resumed from (the answer is a {@link Resume.Resync}).
 * Separately it remembers the newest {@code maxRememberedIds} (sender, client message id) pairs
 * with their numbers, at least as many as the entries kept, so a late resend of a message whose
 * text has already been evicted still answers its original number instead of appending a copy. Only
 * a resend older than that longer memory would be taken as new; both bounds are configured.
 *
 * <p>Thread safety: the visitor's and the agent's connections may sit on different threads, so
 * every method locks the log; the entries handed out are immutable.
 */
public final class ConversationLog {

    /** One numbered message. */
    public record Entry(
            long seq, Sender sender, String clientMessageId, String text, long timeMillis) {
        public Entry {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(clientMessageId, "clientMessageId");
            Objects.requireNonNull(text, "text");
        }
    }

    /** What {@link #append} did with a message. */
    public sealed interface Appended permits Appended.Accepted, Appended.Duplicate {

        /** The number the message has, new or original. */
        long seq();

        /** A new message: it got the next number and is to be delivered and recorded. */
        record Accepted(Entry entry) implements Appended {
            @Override
            public long seq() {
                return entry.seq();
            }
        }

        /**
         * A resend of a message this sender already sent with the same client id: nothing was
         * appended; the client is acknowledged with the original number. The original entry is
         * present while the history still keeps it. The resend's text is not compared: the client
         * id is the message's identity.
         */
        record Duplicate(long seq, Optional<Entry> original) implements Appended {}
    }

    /** The answer to a reconnecting client that says which number it saw last. */
    public sealed interface Resume permits Resume.Continue, Resume.Resync {

        /**
         * Every entry after the client's last-seen number, in order, with none missing: the client
         * appends them to what it has.
         */
        record Continue(List<Entry> entries) implements Resume {}

        /**
         * The client cannot simply continue: it must replace its view with {@code entries}, which
         * start at {@code fromSeq} (the oldest number the history keeps, or the next number when it
         * keeps none) and run to the newest. Messages numbered below {@code fromSeq} that the
         * client has not seen are no longer available from the gateway.
         */
        record Resync(Reason reason, long lastSeenSeq, long fromSeq, List<Entry> entries)
                implements Resume {}

        /** Why a resume became a resync. */
        enum Reason {
            /** The client last saw a number older than the oldest the bounded history keeps. */
            OLDER_THAN_HISTORY,
            /**
             * The client claims a number this log never issued (for example, the gateway restarted
             * and the log began again): its view cannot be trusted.
             */
            AHEAD_OF_LOG
        }
    }

    private record IdKey(Sender sender, String clientMessageId) {}

    private final int maxEntries;
    private final int maxRememberedIds;

    /** The newest entries, oldest first; at most maxEntries. */
    private final Deque<Entry> history = new ArrayDeque<>();

    /** (sender, client id) to number for the newest maxRememberedIds messages. */
    private final Map<IdKey, Long> seqById = new HashMap<>();

    /** The keys of seqById in the order they arrived, to evict the oldest first. */
    private final Deque<IdKey> idOrder = new ArrayDeque<>();

    /** The last number issued; 0 before the first message. */
    private long lastSeq;

    /**
     * @param maxEntries the entries kept for resuming (at least 1)
     * @param maxRememberedIds the client ids remembered for deduplication (at least maxEntries)
     */
    public ConversationLog(int maxEntries, int maxRememberedIds) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        if (maxRememberedIds < maxEntries) {
            throw new IllegalArgumentException(
                    "maxRememberedIds ("
                            + maxRememberedIds
                            + ") must be at least maxEntries ("
                            + maxEntries
                            + ")");
        }
        this.maxEntries = maxEntries;
        this.maxRememberedIds = maxRememberedIds;
    }

    /** A log that remembers ten times as many client ids as it keeps entries. */
    public static ConversationLog keeping(int maxEntries) {
        return new ConversationLog(maxEntries, Math.multiplyExact(maxEntries, 10));
    }

    /**
     * Numbers a message, unless the same sender already sent this client message id, in which case
     * it answers the original number and appends nothing.
     */
    public synchronized Appended append(
            String clientMessageId, Sender sender, String text, long timeMillis) {
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(text, "text");
        IdKey key = new IdKey(sender, clientMessageId);
        Long known = seqById.get(key);
        if (known != null) {
            return new Appended.Duplicate(known, kept(known));
        }
        Entry entry = new Entry(lastSeq + 1, sender, clientMessageId, text, timeMillis);
        lastSeq = entry.seq();
        history.addLast(entry);
        if (history.size() > maxEntries) {
            history.removeFirst();
        }
        seqById.put(key, entry.seq());
        idOrder.addLast(key);
        if (idOrder.size() > maxRememberedIds) {
            seqById.remove(idOrder.removeFirst());
        }
        return new Appended.Accepted(entry);
    }

    /**
     * What a client that last saw {@code lastSeenSeq} (0 for nothing yet) needs: the entries after
     * it, or a resync when the history no longer reaches back to it or it is ahead of this log.
     */
    public synchronized Resume after(long lastSeenSeq) {
        if (lastSeenSeq < 0) {
            throw new IllegalArgumentException("a last-seen number is never negative");
        }
        if (lastSeenSeq > lastSeq) {
            return new Resume.Resync(
                    Resume.Reason.AHEAD_OF_LOG, lastSeenSeq, firstKept(), List.copyOf(history));
        }
        if (lastSeenSeq + 1 < firstKept()) {
            return new Resume.Resync(
                    Resume.Reason.OLDER_THAN_HISTORY,
                    lastSeenSeq,
                    firstKept(),
                    List.copyOf(history));
        }
        List<Entry> newer = new ArrayList<>();
        Iterator<Entry> newestFirst = history.descendingIterator();
        while (newestFirst.hasNext()) {
            Entry e = newestFirst.next();
            if (e.seq() <= lastSeenSeq) {
                break;
            }
            newer.add(e);
        }
        Collections.reverse(newer);
        return new Resume.Continue(List.copyOf(newer));
    }

    /** The last number issued; 0 before the first message. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    /** The oldest number still kept, or the next number when nothing is kept. */
    public synchronized long firstKept() {
        return history.isEmpty() ? lastSeq + 1 : history.peekFirst().seq();
    }

    private Optional<Entry> kept(long seq) {
        Entry first = history.peekFirst();
        if (first == null || seq < first.seq()) {
            return Optional.empty();
        }
        // The history holds consecutive numbers, so the entry's place is its distance from the
        // first; walk from whichever end is nearer.
        int index = (int) (seq - first.seq());
        Iterator<Entry> it;
        int steps;
        if (index < history.size() / 2) {
            it = history.iterator();
            steps = index;
        } else {
            it = history.descendingIterator();
            steps = history.size() - 1 - index;
        }
        Entry e = it.next();
        for (int i = 0; i < steps; i++) {
            e = it.next();
        }
        return Optional.of(e);
    }
}
