package io.ringstream.sentiment.corenlp;

import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one CoreNLP sentiment pipeline of this JVM (in Flink: of this task manager's job class
 * loader), loaded on first use and shared by every operator instance and thread: loading the parser
 * and sentiment models takes seconds and about 150 MB, so it must never happen per record or per
 * operator.
 *
 * <p>{@link StanfordCoreNLP#annotate} may be called concurrently on the shared instance (CoreNLP's
 * own server does the same).
 */
public final class CoreNlpPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(CoreNlpPipeline.class);
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Object LOCK = new Object();

    /** Sentences longer than this many tokens are not parsed (CoreNLP's parse time explodes). */
    public static final int MAX_SENTENCE_TOKENS = 80;

    private static volatile StanfordCoreNLP pipeline;

    private CoreNlpPipeline() {}

    /** The shared pipeline; the first caller loads it, concurrent first callers wait. */
    public static StanfordCoreNLP shared() {
        StanfordCoreNLP current = pipeline;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (pipeline == null) {
                long start = System.nanoTime();
                pipeline = new StanfordCoreNLP(properties());
                int n = LOADS.incrementAndGet();
                LOG.info(
                        "CoreNLP sentiment pipeline loaded in {} ms (load #{} in this JVM)",
                        (System.nanoTime() - start) / 1_000_000,
                        n);
            }
            return pipeline;
        }
    }

    /** How many times this JVM (class loader) built the pipeline: 1 once anyone used it. */
    public static int loadCount() {
        return LOADS.get();
    }

    static Properties properties() {
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,parse,sentiment");
        p.setProperty("tokenize.language", "en");
        // The sentiment RNN scores the binarized tree the parser leaves behind.
        p.setProperty("parse.binaryTrees", "true");
        p.setProperty("parse.maxlen", Integer.toString(MAX_SENTENCE_TOKENS));
        return p;
    }
}
