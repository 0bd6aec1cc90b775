package io.ringstream.pbxsim.traffic;

import java.util.Random;

/** The few distributions contact-center traffic is modelled with, drawn from a seeded Random. */
final class Distributions {
    private Distributions() {}

    /** Exponential with the given mean: Poisson inter-arrival times, patience, break lengths. */
    static double exponential(Random rng, double mean) {
        return -mean * Math.log(1.0 - rng.nextDouble());
    }

    /**
     * Log-normal with the given mean and shape sigma: handle times are right-skewed, most short, a
     * few very long.
     */
    static double logNormal(Random rng, double mean, double sigma) {
        double mu = Math.log(mean) - sigma * sigma / 2.0;
        return Math.exp(mu + sigma * rng.nextGaussian());
    }

    static double uniform(Random rng, double min, double max) {
        return min + (max - min) * rng.nextDouble();
    }

    static <T> T pick(Random rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }
}
