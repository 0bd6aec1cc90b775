package io.ringstream.sentiment.job.operators;

import static io.ringstream.sentiment.job.Utterances.T0;
import static io.ringstream.sentiment.job.Utterances.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringstream.events.InteractionEvent;
import io.ringstream.events.Speaker;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentModel;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.job.ScoredUtterance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scoring function's concurrency contract: a slow model call holds up only its own
 * conversation, a conversation's utterances complete in order, failures become unscored rows.
 */
class ScoreUtterancesTest {
    /** Blocks on texts containing "slow" until released; records completion order. */
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    private static final List<String> STARTED = Collections.synchronizedList(new ArrayList<>());

    private ScoreUtterances function;

    private static final SentimentModel GATED =
            new SentimentModel() {
                @Override
                public String name() {
                    return "gated";
                }

                @Override
                public Sentiment score(String text) {
                    STARTED.add(text);
                    if (text.contains("slow")) {
                        try {
                            RELEASE.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    if (text.contains("boom")) {
                        throw new IllegalStateException("boom");
                    }
                    return Sentiment.fromScore(-0.5, 0.9);
                }
            };

    private void open(int threads) {
        function =
                new ScoreUtterances(
                        () -> new SentimentScorer(Map.of("en", GATED)),
                        threads,
                        Duration.ofSeconds(5));
        function.open(DefaultOpenContext.INSTANCE);
    }

    @AfterEach
    void close() {
        function.close();
    }

    private static final class Result implements ResultFuture<ScoredUtterance> {
        final CompletableFuture<ScoredUtterance> value = new CompletableFuture<>();

        @Override
        public void complete(Collection<ScoredUtterance> result) {
            value.complete(result.iterator().next());
        }

        @Override
        public void completeExceptionally(Throwable error) {
            value.completeExceptionally(error);
        }

        @Override
        public void complete(CollectionSupplier<ScoredUtterance> supplier) {
            throw new UnsupportedOperationException();
        }
    }

    private Result invoke(InteractionEvent e) {
        Result r = new Result();
        function.asyncInvoke(e, r);
        return r;
    }

    @Test
    void aSlowConversationDoesNotHoldUpOthersAndKeepsItsOwnOrder() {
        open(2);
        Result slowA1 = invoke(chat("t", "A", Speaker.CUSTOMER, T0, "this one is slow", "en"));
        Result a2 = invoke(chat("t", "A", Speaker.CUSTOMER, T0 + 1, "after the slow one", "en"));
        Result b1 = invoke(chat("t", "B", Speaker.CUSTOMER, T0, "other conversation", "en"));
        Result b2 = invoke(chat("t", "B", Speaker.CUSTOMER, T0 + 1, "still flowing", "en"));

        // B completes while A's first utterance is still being scored.
        await().atMost(Duration.ofSeconds(10)).until(() -> b1.value.isDone() && b2.value.isDone());
        assertThat(slowA1.value).isNotDone();
        // A's second utterance waits for its first: it has not even started.
        assertThat(a2.value).isNotDone();
        assertThat(STARTED).doesNotContain("after the slow one");
        assertThat(function.inFlightConversations()).isEqualTo(1);

        RELEASE.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> a2.value.isDone());
        assertThat(slowA1.value.join().scored()).isTrue();
        assertThat(a2.value.join().score()).isEqualTo(-0.5);
        await().atMost(Duration.ofSeconds(30)).until(() -> function.inFlightConversations() == 0);
    }

    @Test
    void aFailingOrInapplicableModelGivesAnUnscoredUtteranceWithTheReason() {
        open(1);
        ScoredUtterance failed =
                invoke(chat("t", "C", Speaker.CUSTOMER, T0, "boom goes the model", "en"))
                        .value
                        .join();
        assertThat(failed.scored()).isFalse();
        assertThat(failed.unscoredReason()).contains("gated failed").contains("boom");

        ScoredUtterance french =
                invoke(
                                chat(
                                        "t",
                                        "C",
                                        Speaker.CUSTOMER,
                                        T0 + 1,
                                        "Je suis très déçu du service",
                                        null))
                        .value
                        .join();
        assertThat(french.scored()).isFalse();
        assertThat(french.language()).isEqualTo("fr");
        assertThat(french.languageSource()).isEqualTo("DETECTED");
    }

    @Test
    void aTimeoutEmitsTheUtteranceUnscored() {
        open(1);
        InteractionEvent e = chat("t", "D", Speaker.AGENT, T0, "anything", "en");
        Result r = new Result();
        function.timeout(e, r);
        ScoredUtterance u = r.value.join();
        assertThat(u.scored()).isFalse();
        assertThat(u.unscoredReason()).isEqualTo("timed out after 5000 ms");
        assertThat(u.eventId()).isEqualTo(e.eventId());
    }
}
