package io.ringstream.sentiment.corenlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.sentiment.Polarity;
import io.ringstream.sentiment.Sentiment;
import io.ringstream.sentiment.SentimentLabel;
import io.ringstream.sentiment.SharedModels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Stanford CoreNLP with the models jar from Maven Central: what it says about clear utterances, and
 * that its pipeline is built once per JVM however many threads and callers ask for it.
 */
class CoreNlpSentimentModelTest {

    @Test
    void thePipelineIsLoadedOnceForAllThreadsAndCallers() throws Exception {
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Sentiment>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                String text = i % 2 == 0 ? "This is terrible, I am furious." : "Thanks, great!";
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return SharedModels.get("corenlp").score(text);
                                }));
            }
            start.countDown();
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().polarity())
                        .isEqualTo(i % 2 == 0 ? Polarity.NEGATIVE : Polarity.POSITIVE);
            }
        } finally {
            pool.shutdownNow();
        }
        CoreNlpSentimentModel.shared().score("One more, on another instance.");
        assertThat(CoreNlpPipeline.loadCount()).isEqualTo(1);
        assertThat(SharedModels.loadCount("corenlp")).isEqualTo(1);
    }

    @Test
    void scoresAreTheExpectedValueOfTheFiveClasses() {
        CoreNlpSentimentModel model = CoreNlpSentimentModel.shared();
        Sentiment bad = model.score("The room was dirty and the staff were rude.");
        Sentiment good = model.score("The staff were wonderful and the room was lovely.");
        assertThat(bad.score()).isNegative();
        assertThat(good.score()).isPositive();
        assertThat(bad.confidence()).isBetween(0.2, 1.0);
        assertThat(model.score("   ").label()).isEqualTo(SentimentLabel.NEUTRAL);
        assertThat(model.name()).isEqualTo("corenlp");
    }

    @Test
    void severalSentencesAreCombinedByLength() {
        CoreNlpSentimentModel model = CoreNlpSentimentModel.shared();
        double negative = model.score("This is a disaster.").score();
        double positive =
                model.score("Everything else was perfect and the staff were great.").score();
        double both =
                model.score(
                                "This is a disaster. Everything else was perfect and the staff were"
                                        + " great.")
                        .score();
        assertThat(both).isBetween(Math.min(negative, positive), Math.max(negative, positive));
    }
}
