package io.ringstream.routing.core.sim;

import java.util.List;

class ErlangProbe {
    public static void main(String[] args) {
        double hours = Double.parseDouble(args[0]);
        for (long seed = 1; seed <= Integer.parseInt(args[1]); seed++) {
            long t0 = System.nanoTime();
            var rows = ErlangValidation.run(List.of(54, 55), hours, seed);
            System.out.printf(
                    "seed %d: %.2f %.2f  (%d ms)%n",
                    seed,
                    100 * rows.get(0).simulated().serviceLevel(),
                    100 * rows.get(1).simulated().serviceLevel(),
                    (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
