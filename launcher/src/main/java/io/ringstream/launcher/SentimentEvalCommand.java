package io.ringstream.launcher;

import io.ringstream.sentiment.eval.SentimentEvalCli;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code ./ringstream sentiment-eval [--file F.tsv] ...}: accuracy, macro-F1 and confusion matrices
 * of every sentiment model per language, on the team's labelled sets or the user's own file. The
 * work is done by {@link SentimentEvalCli}; this only adapts it to the launcher.
 */
final class SentimentEvalCommand {
    private SentimentEvalCommand() {}

    static int run(String[] args, PrintStream out) throws IOException {
        return SentimentEvalCli.run(args, out);
    }
}
