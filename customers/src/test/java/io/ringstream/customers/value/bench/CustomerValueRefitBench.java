package io.ringstream.customers.value.bench;

import io.ringstream.customers.value.CdnowTestData;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.gammagamma.GammaGammaModel;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * How long the customer-value refit takes (BG/NBD then Gamma-Gamma, what the conversion job runs on
 * a schedule) for a tenant of N customers, next to the same fit on CDNOW's 2,357 customers in the
 * same run as the reference. The N customers are simulated from the BG/NBD and Gamma-Gamma
 * processes with CDNOW's published parameters over a 39-week calibration period (first purchases
 * spread over the first 12 weeks, as in CDNOW; times in whole days, as the job keeps them), so the
 * data looks like a real tenant's and the fit should recover those parameters: the printout shows
 * both. Not a test: it prints numbers.
 *
 * <p>Run: see docs/benchmarks.md ("Customer value refit"). Arguments: customers (100000), seed (7).
 */
public final class CustomerValueRefitBench {

    private static final double CALIBRATION_WEEKS = 39;
    private static final double FIRST_PURCHASE_WEEKS = 12;

    private CustomerValueRefitBench() {}

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 7L;

        List<RepeatSummary> cdnow = CdnowTestData.summaries();
        // Warm-up: JIT the likelihoods once on the small set.
        BgNbdModel.fit(cdnow);
        Timed<BgNbdModel.Fit> cdnowBg = Timed.of(() -> BgNbdModel.fit(cdnow));
        Timed<GammaGammaModel.Fit> cdnowGg = Timed.of(() -> GammaGammaModel.fit(cdnow));
        print("CDNOW (reference)", cdnow.size(), cdnowBg, cdnowGg);

        List<RepeatSummary> simulated =
                simulate(customers, Cdnow.PUBLISHED_BG_NBD, Cdnow.PUBLISHED_GAMMA_GAMMA, seed);
        Timed<BgNbdModel.Fit> bg = Timed.of(() -> BgNbdModel.fit(simulated));
        Timed<GammaGammaModel.Fit> gg = Timed.of(() -> GammaGammaModel.fit(simulated));
        print("simulated", customers, bg, gg);
        System.out.printf(
                Locale.ROOT,
                "simulated with: r %.4f alpha %.4f a %.4f b %.4f | p %.2f q %.2f v %.2f%n",
                Cdnow.PUBLISHED_BG_NBD.r(),
                Cdnow.PUBLISHED_BG_NBD.alpha(),
                Cdnow.PUBLISHED_BG_NBD.a(),
                Cdnow.PUBLISHED_BG_NBD.b(),
                Cdnow.PUBLISHED_GAMMA_GAMMA.p(),
                Cdnow.PUBLISHED_GAMMA_GAMMA.q(),
                Cdnow.PUBLISHED_GAMMA_GAMMA.v());
    }

    /** Customers drawn from the two models' generative processes. */
    static List<RepeatSummary> simulate(
            int n, BgNbdParameters bg, GammaGammaParameters gg, long seed) {
        RandomGenerator random = new Well19937c(seed);
        GammaDistribution rates = new GammaDistribution(random, bg.r(), 1 / bg.alpha());
        BetaDistribution dropouts = new BetaDistribution(random, bg.a(), bg.b());
        GammaDistribution spendRates = new GammaDistribution(random, gg.q(), 1 / gg.v());
        UniformRealDistribution firstWeek =
                new UniformRealDistribution(random, 0, FIRST_PURCHASE_WEEKS);
        List<RepeatSummary> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double lambda = rates.sample();
            double p = dropouts.sample();
            double age = CALIBRATION_WEEKS - firstWeek.sample();
            ExponentialDistribution gaps = new ExponentialDistribution(random, 1 / lambda);
            GammaDistribution values =
                    new GammaDistribution(random, gg.p(), 1 / spendRates.sample());
            int x = 0;
            double t = 0;
            double lastPurchase = 0;
            double spent = 0;
            // Alive after the first purchase; after each repeat purchase the customer drops out
            // with probability p (FHL 2005's story).
            while (true) {
                t += gaps.sample();
                if (t > age) {
                    break;
                }
                x++;
                lastPurchase = t;
                spent += values.sample();
                if (random.nextDouble() < p) {
                    break;
                }
            }
            // The job measures time in whole days (purchases are summed per day): so does this.
            out.add(
                    new RepeatSummary(
                            x, wholeDays(lastPurchase), wholeDays(age), x == 0 ? 0 : spent / x));
        }
        return out;
    }

    private static double wholeDays(double weeks) {
        return Math.floor(weeks * RepeatSummary.DAYS_PER_WEEK) / RepeatSummary.DAYS_PER_WEEK;
    }

    private static void print(
            String what, int n, Timed<BgNbdModel.Fit> bg, Timed<GammaGammaModel.Fit> gg) {
        BgNbdParameters b = bg.value().parameters();
        GammaGammaParameters g = gg.value().parameters();
        System.out.printf(
                Locale.ROOT,
                "%-18s %,8d customers: BG/NBD %,8.0f ms (%d evaluations) r %.4f alpha %.4f a %.4f"
                        + " b %.4f | Gamma-Gamma %,8.0f ms on %,d repeaters (%d evaluations) p %.2f"
                        + " q %.2f v %.2f | refit total %,.0f ms%n",
                what,
                n,
                bg.millis(),
                bg.value().evaluations(),
                b.r(),
                b.alpha(),
                b.a(),
                b.b(),
                gg.millis(),
                gg.value().customers(),
                gg.value().evaluations(),
                g.p(),
                g.q(),
                g.v(),
                bg.millis() + gg.millis());
    }

    /** A result with how long it took to compute. */
    private record Timed<T>(T value, double millis) {
        static <T> Timed<T> of(java.util.function.Supplier<T> work) {
            long start = System.nanoTime();
            T value = work.get();
            return new Timed<>(value, (System.nanoTime() - start) / 1e6);
        }
    }
}
