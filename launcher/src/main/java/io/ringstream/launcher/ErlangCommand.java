package io.ringstream.launcher;

import io.ringstream.queueing.ErlangC;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code ./ringstream erlang --calls 360 --interval 30m --aht 240 --target 80/20}: the agents a
 * shift needs for a service-level target, and service level, ASA and occupancy around that number,
 * so a supervisor can plan with the same Erlang C the live KPIs use.
 */
final class ErlangCommand {
    static final String USAGE =
            "usage: ./ringstream erlang --calls N --interval 30m --aht SECONDS --target PERCENT/SECONDS"
                    + " [--rows N]";

    private ErlangCommand() {}

    /**
     * @return the exit code
     * @throws IllegalArgumentException with a message for the user when an option is missing or
     *     malformed
     */
    static int run(String[] args, PrintStream out) {
        Double calls = null;
        Duration interval = null;
        Double aht = null;
        double share = 0;
        int threshold = 0;
        boolean target = false;
        int rows = 2;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("-h") || option.equals("--help")) {
                out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value. " + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--calls" -> calls = number(option, value);
                case "--interval" -> interval = Durations.parse(value);
                case "--aht" ->
                        aht = number(option, Durations.parse(value).toMillis() / 1000.0 + "");
                case "--target" -> {
                    int slash = value.indexOf('/');
                    if (slash < 0) {
                        throw new IllegalArgumentException(
                                "--target must be percent/seconds, e.g. 80/20, not '"
                                        + value
                                        + "'");
                    }
                    share = number(option, value.substring(0, slash).replace("%", "")) / 100.0;
                    threshold =
                            (int)
                                    Math.round(
                                            Durations.parse(value.substring(slash + 1)).toMillis()
                                                    / 1000.0);
                    target = true;
                }
                case "--rows" -> rows = (int) Math.round(number(option, value));
                default ->
                        throw new IllegalArgumentException(
                                "unknown option " + option + ". " + USAGE);
            }
        }
        if (calls == null || interval == null || aht == null || !target) {
            throw new IllegalArgumentException(USAGE);
        }
        if (!(share > 0 && share < 1) || threshold < 1) {
            throw new IllegalArgumentException(
                    "--target needs a share between 0 and 100% and a threshold of at least 1 s");
        }
        if (interval.isZero() || aht <= 0 || calls < 0 || rows < 0) {
            throw new IllegalArgumentException(
                    "--calls, --interval, --aht and --rows must be positive");
        }
        print(calls, interval, aht, share, threshold, rows, out);
        return 0;
    }

    private static void print(
            double calls,
            Duration interval,
            double aht,
            double share,
            int threshold,
            int rows,
            PrintStream out) {
        double load = ErlangC.load(calls, interval.toMillis() / 1000.0, aht);
        int required = ErlangC.requiredAgents(load, aht, share, threshold);
        out.printf(
                Locale.ROOT,
                "%s calls in %s, AHT %s s: offered load %.2f Erlangs%n",
                plain(calls),
                describe(interval),
                plain(aht),
                load);
        out.printf(
                Locale.ROOT,
                "Target %s%% answered within %d s: %d agents required%n%n",
                plain(share * 100),
                threshold,
                required);
        out.printf(
                Locale.ROOT,
                "agents  P(wait)  %-7s  ASA (s)  occupancy%n",
                "SL " + threshold + "s");
        int first = Math.max((int) Math.floor(load) + 1, required - rows);
        for (int agents = first; agents <= required + rows + 1; agents++) {
            ErlangC.Staffing s = ErlangC.staffing(agents, load, aht, threshold);
            out.printf(
                    Locale.ROOT,
                    "%s %4d   %6.4f  %6.2f%%  %7.2f  %8.2f%%%n",
                    agents == required ? ">" : " ",
                    agents,
                    s.probabilityOfWaiting(),
                    s.serviceLevel() * 100,
                    s.averageSpeedOfAnswerSeconds(),
                    s.occupancy() * 100);
        }
    }

    private static double number(String option, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    option + " must be a number, not '" + value + "'", e);
        }
    }

    private static String plain(double value) {
        return value == Math.rint(value)
                ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String describe(Duration interval) {
        long seconds = interval.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
