package io.ringstream.sentiment.bench;

import io.ringstream.sentiment.SentimentModel;
import io.ringstream.sentiment.SharedModels;
import io.ringstream.sentiment.djl.TinySentimentModel;
import io.ringstream.sentiment.eval.EvaluationSet;
import io.ringstream.sentiment.eval.LabelledUtterance;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Utterances per second on one core and the latency distribution of one scoring call, per model,
 * over the evaluation sets' customer-service utterances of the model's language. Not a test: run by
 * hand with the command in docs/benchmarks.md ("## Sentiment").
 *
 * <p>The {@code djl} case runs the tests' tiny bag-of-words ONNX model: it measures DJL, the
 * Hugging Face tokenizer and ONNX Runtime's per-call overhead, not a transformer's compute.
 */
@State(Scope.Thread)
@Threads(1)
public class ScoringBenchmark {

    @Param({"corenlp", "lexicon-en", "lexicon-es", "djl"})
    public String model;

    private SentimentModel scorer;
    private List<String> texts;
    private int next;

    @Setup
    public void setUp() throws Exception {
        String language = model.equals("lexicon-es") ? "es" : "en";
        String spec =
                model.equals("djl")
                        ? "djl:" + TinySentimentModel.writeTo(Files.createTempDirectory("tiny-djl"))
                        : model;
        scorer = SharedModels.get(spec);
        texts =
                EvaluationSet.builtIn().stream()
                        .flatMap(s -> s.utterances().stream())
                        .filter(u -> u.language().equals(language))
                        .map(LabelledUtterance::text)
                        .toList();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public double score() {
        String text = texts.get(next);
        next = (next + 1) % texts.size();
        return scorer.score(text).score();
    }
}
