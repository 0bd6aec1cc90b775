package io.ringstream.routing.core.sim;

import java.util.SplittableRandom;

/**
 * A handle-time distribution: exponential (what Erlang C assumes) or log-normal (what real handle
 * times look like: skewed, never near zero), given by its mean and, for log-normal, the standard
 * deviation of the underlying normal.
 */
public record HandleTime(Kind kind, double meanSeconds, double sigma) {

    /** The distribution family. */
    public enum Kind {
        EXPONENTIAL,
        LOG_NORMAL
    }

    public HandleTime {
        if (!(meanSeconds > 0)) {
            throw new IllegalArgumentException("mean handle time must be positive");
        }
    }

    public static HandleTime exponential(double meanSeconds) {
        return new HandleTime(Kind.EXPONENTIAL, meanSeconds, 0);
    }

    public static HandleTime logNormal(double meanSeconds, double sigma) {
        return new HandleTime(Kind.LOG_NORMAL, meanSeconds, sigma);
    }

    /** A sample in seconds, its mean scaled by {@code factor}. */
    public double sample(SplittableRandom random, double factor) {
        double mean = meanSeconds * factor;
        return switch (kind) {
            case EXPONENTIAL -> Distributions.exponential(random, mean);
            case LOG_NORMAL -> {
                // mean of a log-normal is exp(mu + sigma^2 / 2)
                double mu = Math.log(mean) - sigma * sigma / 2;
                yield Math.exp(mu + sigma * Distributions.gaussian(random));
            }
        };
    }
}
