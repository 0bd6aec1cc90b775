package io.ringstream.channels.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringstream.channels.conversation.ConversationLog.Appended;
import io.ringstream.channels.conversation.ConversationLog.Entry;
import io.ringstream.channels.conversation.ConversationLog.Resume;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Examples of the conversation log's numbering, deduplication, resume and resync answers. */
class ConversationLogTest {
    private static final Sender VISITOR = Sender.visitor("session-1");
    private static final Sender AGENT = Sender.agent("agent-7");

    @Test
    void visitorAndAgentShareOneNumberingFromOne() {
        ConversationLog log = ConversationLog.keeping(100);

        assertThat(log.append("c1", VISITOR, "hello", 1_000).seq()).isEqualTo(1);
        assertThat(log.append("a1", AGENT, "hi, how can I help?", 2_000).seq()).isEqualTo(2);
        assertThat(log.append("c2", VISITOR, "my order", 3_000).seq()).isEqualTo(3);
        assertThat(log.lastSeq()).isEqualTo(3);
    }

    @Test
    void aResendAnswersTheOriginalAndAppendsNothing() {
        ConversationLog log = ConversationLog.keeping(100);
        Appended first = log.append("c1", VISITOR, "hello", 1_000);
        log.append("a1", AGENT, "hi", 2_000);

        Appended again = log.append("c1", VISITOR, "hello (typed again)", 5_000);

        assertThat(again).isInstanceOf(Appended.Duplicate.class);
        assertThat(again.seq()).isEqualTo(1);
        assertThat(((Appended.Duplicate) again).original())
                .contains(((Appended.Accepted) first).entry());
        assertThat(log.lastSeq()).isEqualTo(2);
    }

    @Test
    void theSameClientIdFromAnotherSenderIsAnotherMessage() {
        ConversationLog log = ConversationLog.keeping(100);
        log.append("m1", VISITOR, "hello", 1_000);

        Appended agents = log.append("m1", AGENT, "hello to you", 2_000);
        Appended otherVisitor = log.append("m1", Sender.visitor("session-2"), "hi", 3_000);

        assertThat(agents).isInstanceOf(Appended.Accepted.class);
        assertThat(agents.seq()).isEqualTo(2);
        assertThat(otherVisitor.seq()).isEqualTo(3);
    }

    @Test
    void afterAnswersTheEntriesAfterTheLastSeenInOrder() {
        ConversationLog log = ConversationLog.keeping(100);
        log.append("c1", VISITOR, "one", 1);
        log.append("a1", AGENT, "two", 2);
        log.append("c2", VISITOR, "three", 3);

        assertThat(seqs(log.after(0))).containsExactly(1L, 2L, 3L);
        assertThat(seqs(log.after(1))).containsExactly(2L, 3L);
        assertThat(seqs(log.after(3))).isEmpty();
    }

    @Test
    void anEmptyLogResumesWithNothing() {
        ConversationLog log = ConversationLog.keeping(3);

        assertThat(log.after(0)).isEqualTo(new Resume.Continue(List.of()));
        assertThat(log.firstKept()).isEqualTo(1);
    }

    @Test
    void theHistoryKeepsTheNewestAndAnOlderResumeIsToldToResync() {
        ConversationLog log = ConversationLog.keeping(3);
        for (int i = 1; i <= 5; i++) {
            log.append("c" + i, VISITOR, "m" + i, i);
        }
        // Kept: 3, 4, 5. A client that saw 2 needs 3 onwards: still a plain continue.
        assertThat(log.firstKept()).isEqualTo(3);
        assertThat(seqs(log.after(2))).containsExactly(3L, 4L, 5L);

        Resume tooOld = log.after(1);

        assertThat(tooOld).isInstanceOf(Resume.Resync.class);
        Resume.Resync resync = (Resume.Resync) tooOld;
        assertThat(resync.reason()).isEqualTo(Resume.Reason.OLDER_THAN_HISTORY);
        assertThat(resync.lastSeenSeq()).isEqualTo(1);
        assertThat(resync.fromSeq()).isEqualTo(3);
        assertThat(resync.entries()).extracting(Entry::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aClientAheadOfTheLogIsToldToResync() {
        ConversationLog log = ConversationLog.keeping(10);
        log.append("c1", VISITOR, "one", 1);

        Resume ahead = log.after(7);

        assertThat(ahead).isInstanceOf(Resume.Resync.class);
        assertThat(((Resume.Resync) ahead).reason()).isEqualTo(Resume.Reason.AHEAD_OF_LOG);
        assertThat(((Resume.Resync) ahead).fromSeq()).isEqualTo(1);
        assertThat(((Resume.Resync) ahead).entries()).extracting(Entry::seq).containsExactly(1L);
    }

    @Test
    void aResendWhoseTextWasEvictedStillAnswersItsNumber() {
        ConversationLog log = new ConversationLog(2, 10);
        log.append("c1", VISITOR, "one", 1);
        log.append("a1", AGENT, "two", 2);
        log.append("a2", AGENT, "three", 3);

        Appended late = log.append("c1", VISITOR, "one", 4);

        assertThat(late).isEqualTo(new Appended.Duplicate(1, java.util.Optional.empty()));
        assertThat(log.lastSeq()).isEqualTo(3);
    }

    @Test
    void aResendStillInTheHistoryAnswersItsEntryFromEitherEnd() {
        ConversationLog log = ConversationLog.keeping(5);
        for (int i = 1; i <= 7; i++) {
            log.append("c" + i, VISITOR, "m" + i, i);
        }
        for (int i = 3; i <= 7; i++) {
            Appended again = log.append("c" + i, VISITOR, "m" + i, 100);
            assertThat(((Appended.Duplicate) again).original()).map(Entry::text).contains("m" + i);
        }
    }

    @Test
    void numbersAreNeverReusedAfterEviction() {
        ConversationLog log = ConversationLog.keeping(1);
        log.append("c1", VISITOR, "one", 1);
        log.append("c2", VISITOR, "two", 2);

        assertThat(log.append("c3", VISITOR, "three", 3).seq()).isEqualTo(3);
        assertThat(log.firstKept()).isEqualTo(3);
    }

    @Test
    void badConfigurationAndInputAreRefused() {
        assertThatThrownBy(() -> new ConversationLog(0, 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConversationLog(10, 9))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConversationLog.keeping(3).after(-1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sender.agent(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Long> seqs(Resume resume) {
        assertThat(resume).isInstanceOf(Resume.Continue.class);
        return ((Resume.Continue) resume).entries().stream().map(Entry::seq).toList();
    }
}
