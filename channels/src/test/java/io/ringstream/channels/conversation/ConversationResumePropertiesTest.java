package io.ringstream.channels.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.channels.conversation.ConversationLog.Appended;
import io.ringstream.channels.conversation.ConversationLog.Entry;
import io.ringstream.channels.conversation.ConversationLog.Resume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The resume guarantee as a property: whatever the interleaving of the visitor's sends, lost sends
 * and replies, resends, dropped connections, reconnects (from any number the client really saw, as
 * after a reload from older saved state) and the agent's messages, the visitor's view is always the
 * server's numbering with no gap and no duplicate, a connected visitor is up to date, and no resend
 * is ever stored twice. With a bounded history the view may start later, but only after an explicit
 * resync that the history really required.
 */
class ConversationResumePropertiesTest {

    /** What happens to one message the visitor writes while connected. */
    enum Fate {
        /** Stored, echoed and acknowledged. */
        DELIVERED,
        /** The connection drops before the server gets it: it stays pending. */
        LOST_BEFORE_SERVER,
        /** The server stores it, then the connection drops before echo and acknowledgement. */
        LOST_AFTER_SERVER
    }

    sealed interface Step {}

    record VisitorWrites(Fate fate) implements Step {}

    record AgentWrites() implements Step {}

    record ConnectionDrops() implements Step {}

    /** Reconnects, resuming from the number {@code stepsBack} entries before the newest seen. */
    record Reconnects(int stepsBack) implements Step {}

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> writes = Arbitraries.of(Fate.class).map(VisitorWrites::new);
        Arbitrary<Step> agent = Arbitraries.just(new AgentWrites());
        Arbitrary<Step> drops = Arbitraries.just(new ConnectionDrops());
        Arbitrary<Step> reconnects = Arbitraries.integers().between(0, 4).map(Reconnects::new);
        Arbitrary<Step> step =
                Arbitraries.frequencyOf(
                        Tuple.of(4, writes),
                        Tuple.of(3, agent),
                        Tuple.of(1, drops),
                        Tuple.of(2, reconnects));
        return step.list().ofMaxSize(60);
    }

    @Property
    void anUnboundedHistoryGivesTheClientExactlyTheServersSequence(
            @ForAll("scripts") List<Step> script) {
        World world = new World(new ConversationLog(1_000, 1_000));

        for (Step step : script) {
            world.play(step);
            world.checkInvariants();
            assertThat(world.resyncs).isZero();
            assertThat(world.view).isEqualTo(world.server.subList(0, world.view.size()));
        }
        world.play(new Reconnects(0));

        assertThat(world.view).isEqualTo(world.server);
        assertThat(world.pending).isEmpty();
        world.checkEveryVisitorMessageStoredOnce();
    }

    @Property
    void aBoundedHistoryResyncsOnlyWhenItMustAndNeverLeavesAGapUnannounced(
            @ForAll("scripts") List<Step> script, @ForAll @IntRange(min = 1, max = 6) int kept) {
        World world = new World(new ConversationLog(kept, 1_000));

        for (Step step : script) {
            world.play(step);
            world.checkInvariants();
        }
        world.play(new Reconnects(0));

        assertThat(world.pending).isEmpty();
        if (!world.server.isEmpty()) {
            assertThat(world.view).isNotEmpty();
            assertThat(world.view.get(world.view.size() - 1))
                    .isEqualTo(world.server.get(world.server.size() - 1));
        }
        world.checkEveryVisitorMessageStoredOnce();
    }

    /** The server's log and everything it ever stored, and the visitor's client. */
    private static final class World {
        private static final Sender VISITOR = Sender.visitor("v");
        private static final Sender AGENT = Sender.agent("a");

        final ConversationLog log;

        /** Every entry the log accepted, by number: the oracle. */
        final List<Entry> server = new ArrayList<>();

        /** What the visitor's client shows. */
        List<Entry> view = new ArrayList<>();

        /** The visitor's messages not yet acknowledged, by client id. */
        final Map<String, String> pending = new LinkedHashMap<>();

        final List<String> everyVisitorId = new ArrayList<>();
        boolean connected = true;
        int resyncs;
        long now;
        int nextId;

        World(ConversationLog log) {
            this.log = log;
        }

        void play(Step step) {
            now++;
            if (step instanceof VisitorWrites w) {
                String id = "c" + nextId++;
                everyVisitorId.add(id);
                pending.put(id, "text " + id);
                if (connected) {
                    send(id, w.fate());
                }
            } else if (step instanceof AgentWrites) {
                Appended a = log.append("a" + nextId++, AGENT, "reply", now);
                stored(a);
            } else if (step instanceof ConnectionDrops) {
                connected = false;
            } else if (step instanceof Reconnects r) {
                reconnect(r.stepsBack());
            }
        }

        private void send(String id, Fate fate) {
            switch (fate) {
                case DELIVERED -> {
                    Appended a = log.append(id, VISITOR, pending.get(id), now);
                    stored(a);
                    pending.remove(id);
                }
                case LOST_BEFORE_SERVER -> connected = false;
                case LOST_AFTER_SERVER -> {
                    connected = false;
                    stored(log.append(id, VISITOR, pending.get(id), now));
                }
            }
        }

        /** Records a new entry in the oracle and pushes it to a connected client. */
        private void stored(Appended a) {
            if (a instanceof Appended.Accepted accepted) {
                assertThat(accepted.entry().seq()).isEqualTo(server.size() + 1L);
                server.add(accepted.entry());
                if (connected) {
                    view.add(accepted.entry());
                }
            } else {
                assertThat(a.seq()).isBetween(1L, (long) server.size());
            }
        }

        private void reconnect(int stepsBack) {
            // Resume from a number the client really saw: its newest, or an older one it had
            // saved (the client drops what came after it), or none at all.
            int keep = Math.max(0, view.size() - stepsBack);
            view = new ArrayList<>(view.subList(0, keep));
            long lastSeen = keep == 0 ? 0 : view.get(keep - 1).seq();
            Resume resume = log.after(lastSeen);
            if (resume instanceof Resume.Continue c) {
                assertThat(c.entries()).isEqualTo(server.subList((int) lastSeen, server.size()));
                view.addAll(c.entries());
            } else {
                Resume.Resync r = (Resume.Resync) resume;
                resyncs++;
                assertThat(r.reason()).isEqualTo(Resume.Reason.OLDER_THAN_HISTORY);
                assertThat(lastSeen + 1).isLessThan(r.fromSeq());
                assertThat(r.entries())
                        .isEqualTo(server.subList((int) r.fromSeq() - 1, server.size()));
                view = new ArrayList<>(r.entries());
            }
            connected = true;
            for (String id : List.copyOf(pending.keySet())) {
                stored(log.append(id, VISITOR, pending.get(id), now));
                pending.remove(id);
            }
        }

        void checkInvariants() {
            for (int i = 0; i < view.size(); i++) {
                Entry e = view.get(i);
                assertThat(e).isEqualTo(server.get((int) e.seq() - 1));
                if (i > 0) {
                    assertThat(e.seq()).isEqualTo(view.get(i - 1).seq() + 1);
                }
            }
            if (connected && !server.isEmpty()) {
                assertThat(view).isNotEmpty();
                assertThat(view.get(view.size() - 1).seq()).isEqualTo(server.size());
            }
            assertThat(log.lastSeq()).isEqualTo(server.size());
        }

        void checkEveryVisitorMessageStoredOnce() {
            for (String id : everyVisitorId) {
                assertThat(
                                server.stream()
                                        .filter(
                                                e ->
                                                        e.sender().equals(VISITOR)
                                                                && e.clientMessageId().equals(id))
                                        .count())
                        .as("visitor message %s", id)
                        .isEqualTo(1);
            }
        }
    }
}
