package io.ringstream.launcher;

import io.ringstream.routing.core.sim.ErlangValidation;
import io.ringstream.routing.core.sim.PolicyComparison;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./ringstream simulate erlang|compare}: runs the contact-center simulator around the real
 * routing engine and prints its tables, so anyone can check the routing against queueing theory and
 * compare policies without a running system.
 */
final class SimulateCommand {
    static final String USAGE =
            "usage: ./ringstream simulate erlang [--hours H] [--seed N] [--agents 53,54,55,56]\n"
                    + "       ./ringstream simulate compare [--agents N] [--hours H] [--seed N]";

    private SimulateCommand() {}

    static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            throw new IllegalArgumentException(USAGE);
        }
        Options o = Options.parse(args);
        switch (args[0]) {
            case "erlang" -> erlang(o, out);
            case "compare" -> compare(o, out);
            default -> throw new IllegalArgumentException(USAGE);
        }
        out.flush();
        return 0;
    }

    private static void erlang(Options o, PrintStream out) {
        double hours = Double.isNaN(o.hours) ? 2000 : o.hours;
        List<Integer> agents = o.agents.isEmpty() ? List.of(53, 54, 55, 56) : o.agents;
        out.printf(
                Locale.ROOT,
                "Erlang C vs simulation: %.0f calls/h, AHT %.0f s exponential, one skill, FIFO,"
                        + " no abandonment, answered at once; SL at %.0f s;"
                        + " %.0f h simulated per row after 1 h warm-up, seed %d%n%n",
                ErlangValidation.CALLS_PER_HOUR,
                ErlangValidation.AHT_SECONDS,
                ErlangValidation.THRESHOLD_SECONDS,
                hours,
                o.seed);
        out.print(ErlangValidation.table(ErlangValidation.run(agents, hours, o.seed)));
    }

    private static void compare(Options o, PrintStream out) {
        double hours = Double.isNaN(o.hours) ? 80 : o.hours;
        int agents = o.agents.isEmpty() ? 42 : o.agents.get(0);
        out.printf(
                Locale.ROOT,
                "Policy comparison: multi-skill day (billing, tech, sales; English, Spanish; voice"
                        + " and chat), %.0f h simulated after 30 min warm-up, seed %d.%n"
                        + "SL counts abandons against: answered within 20 s / (answered +"
                        + " abandoned). Occupancy spread = stdev (min–max) across agents.%n%n",
                hours,
                o.seed);
        out.print(PolicyComparison.table(PolicyComparison.run(agents, hours, o.seed, 30, 80)));
    }

    /** Parsed flags; hours NaN means "the command's default". */
    private static final class Options {
        double hours = Double.NaN;
        long seed = 1;
        List<Integer> agents = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
                }
                String value = args[++i];
                try {
                    switch (flag) {
                        case "--hours" -> o.hours = Double.parseDouble(value);
                        case "--seed" -> o.seed = Long.parseLong(value);
                        case "--agents" -> {
                            for (String n : value.split(",")) {
                                o.agents.add(Integer.parseInt(n.trim()));
                            }
                        }
                        default -> throw new IllegalArgumentException("unknown option " + flag);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(flag + " needs a number, not " + value);
                }
            }
            if (!Double.isNaN(o.hours) && !(o.hours > 0)) {
                throw new IllegalArgumentException("--hours must be positive");
            }
            for (int n : o.agents) {
                if (n < 1) {
                    throw new IllegalArgumentException("--agents must be positive");
                }
            }
            return o;
        }
    }
}
