package io.ringstream.routing.core.sim;

import java.util.SplittableRandom;

/** The few random variates the simulator needs, drawn from one seeded generator. */
final class Distributions {
    private Distributions() {}

    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1 - random.nextDouble());
    }

    /** Standard normal by Box-Muller (one of the pair; simplicity beats speed here). */
    static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
