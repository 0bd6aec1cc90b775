package io.ringstream.sentiment.job.operators;

import io.ringstream.events.InteractionEvent;
import io.ringstream.sentiment.SentimentScorer;
import io.ringstream.sentiment.job.ScoredUtterance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Scores utterances on a bounded thread pool through Flink's async I/O, so a slow model call
 * (CoreNLP on a long sentence) holds up only its own conversation: others keep being scored and
 * emitted. Used with {@code AsyncDataStream.unorderedWait}, whose capacity bounds the utterances in
 * flight.
 *
 * <p>Order within a conversation is kept: an utterance's scoring is chained after the previous
 * utterance of the same conversation (completion included), so the rolling step downstream sees a
 * conversation's turns in the order they arrived. Different conversations never wait for each
 * other. The chain map only holds conversations with work in flight.
 *
 * <p>An utterance that is not scored within the timeout, or whose scoring fails outright, is
 * emitted unscored with the reason: nothing is dropped and the job never fails on a model.
 */
public class ScoreUtterances extends RichAsyncFunction<InteractionEvent, ScoredUtterance> {
    private static final long serialVersionUID = 1L;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final ScorerFactory factory;
    private final int threads;
    private final long timeoutMillis;

    private transient SentimentScorer scorer;
    private transient ExecutorService pool;
    // Conversation key -> completes once that conversation's latest utterance has been emitted.
    private transient ConcurrentHashMap<String, CompletableFuture<Void>> tails;

    public ScoreUtterances(ScorerFactory factory, int threads, Duration timeout) {
        this.factory = factory;
        this.threads = threads;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        // Blocks this task until the models are loaded (once per JVM; later instances reuse them).
        scorer = factory.create();
        pool = Executors.newFixedThreadPool(threads, namedDaemons());
        tails = new ConcurrentHashMap<>();
    }

    @Override
    public void asyncInvoke(InteractionEvent event, ResultFuture<ScoredUtterance> result) {
        String key = Keys.of(event);
        CompletableFuture<Void> link = new CompletableFuture<>();
        CompletableFuture<Void> previous = tails.put(key, link);
        (previous == null ? DONE : previous)
                .thenApplyAsync(ignored -> score(event), pool)
                .handle(
                        (scored, error) -> {
                            result.complete(
                                    List.of(
                                            scored != null
                                                    ? scored
                                                    : ScoredUtterance.unscored(
                                                            event,
                                                            "scoring failed: " + error,
                                                            System.currentTimeMillis(),
                                                            0)));
                            return null;
                        })
                .whenComplete(
                        (ignored, error) -> {
                            link.complete(null);
                            tails.remove(key, link);
                        });
    }

    private ScoredUtterance score(InteractionEvent event) {
        long start = System.nanoTime();
        var score = scorer.score(event.text(), event.language());
        double millis = (System.nanoTime() - start) / 1e6;
        return ScoredUtterance.of(event, score, System.currentTimeMillis(), millis);
    }

    @Override
    public void timeout(InteractionEvent event, ResultFuture<ScoredUtterance> result) {
        result.complete(
                List.of(
                        ScoredUtterance.unscored(
                                event,
                                "timed out after " + timeoutMillis + " ms",
                                System.currentTimeMillis(),
                                timeoutMillis)));
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** Conversations with scoring in flight (for tests). */
    int inFlightConversations() {
        return tails.size();
    }

    private static ThreadFactory namedDaemons() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "sentiment-scorer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
