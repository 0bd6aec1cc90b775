package io.ringstream.sentiment.eval;

import io.ringstream.sentiment.Polarity;

/**
 * Counts of labelled versus predicted polarity for one model on one language, and the metrics
 * derived from them. Unscored utterances are counted apart: they lower coverage, not accuracy.
 */
public final class ConfusionMatrix {
    private static final Polarity[] CLASSES = Polarity.values();
    private final long[][] counts = new long[CLASSES.length][CLASSES.length];
    private long unscored;

    public void add(Polarity labelled, Polarity predicted) {
        counts[labelled.ordinal()][predicted.ordinal()]++;
    }

    public void addUnscored() {
        unscored++;
    }

    public long count(Polarity labelled, Polarity predicted) {
        return counts[labelled.ordinal()][predicted.ordinal()];
    }

    /** Scored utterances. */
    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    public long unscored() {
        return unscored;
    }

    /** Correct ÷ scored; NaN when nothing was scored. */
    public double accuracy() {
        long correct = 0;
        for (Polarity p : CLASSES) {
            correct += count(p, p);
        }
        long total = total();
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** Of the utterances predicted as {@code p}, the share labelled {@code p}; 0 if none. */
    public double precision(Polarity p) {
        long predicted = 0;
        for (Polarity l : CLASSES) {
            predicted += count(l, p);
        }
        return predicted == 0 ? 0.0 : (double) count(p, p) / predicted;
    }

    /** Of the utterances labelled {@code p}, the share predicted {@code p}; 0 if none. */
    public double recall(Polarity p) {
        long labelled = 0;
        for (Polarity q : CLASSES) {
            labelled += count(p, q);
        }
        return labelled == 0 ? 0.0 : (double) count(p, p) / labelled;
    }

    public double f1(Polarity p) {
        double precision = precision(p);
        double recall = recall(p);
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    /** The unweighted mean of the three classes' F1: every class matters, however rare. */
    public double macroF1() {
        double sum = 0;
        for (Polarity p : CLASSES) {
            sum += f1(p);
        }
        return sum / CLASSES.length;
    }
}
