package io.ringstream.launcher;

import io.ringstream.customers.value.DatedPurchase;
import io.ringstream.customers.value.RepeatSummary;
import io.ringstream.customers.value.bgnbd.BgNbdModel;
import io.ringstream.customers.value.bgnbd.BgNbdParameters;
import io.ringstream.customers.value.cdnow.Cdnow;
import io.ringstream.customers.value.cdnow.HoldoutTable;
import io.ringstream.customers.value.gammagamma.GammaGammaModel;
import io.ringstream.customers.value.gammagamma.GammaGammaParameters;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./ringstream value-check [--dir DIR]}: the CDNOW check of the customer-value models a user
 * can run — fits BG/NBD and Gamma-Gamma on the 39-week calibration period, prints each parameter
 * next to the published one ({@code name fitted published}) and the holdout table, and exits 1 when
 * a parameter disagrees with the published value to 2 significant digits.
 */
@Command(
        name = "value-check",
        description =
                "Fit BG/NBD and Gamma-Gamma on CDNOW's calibration period; print the fitted and"
                        + " published parameters and the 39-week holdout table.")
final class ValueCheckCommand implements Callable<Integer> {
    @Mixin HelpOption help;

    /** Where the CDNOW files are, relative to the repository root the script runs in. */
    static final Path DEFAULT_DIR = Path.of("..", "shared", "data", "cdnow");

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = {
                "the directory of CDNOW_sample.txt",
                "(default ../shared/data/cdnow, from the repository root)"
            })
    Path dir = DEFAULT_DIR;

    @Spec CommandSpec spec;

    /** One parameter, fitted and published. */
    record Parameter(String name, double fitted, double published) {
        boolean agrees() {
            return Cdnow.agreeTo2SignificantDigits(fitted, published);
        }
    }

    /** Runs {@code args} (without the command name); returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine command =
                new CommandLine(new ValueCheckCommand())
                        .setOut(out)
                        .setErr(err)
                        .setExecutionExceptionHandler(
                                (e, commandLine, parsed) -> {
                                    if (e instanceof IllegalArgumentException
                                            || e instanceof IllegalStateException) {
                                        commandLine
                                                .getErr()
                                                .println(
                                                        "ringstream: value-check: "
                                                                + e.getMessage());
                                        return 1;
                                    }
                                    throw e;
                                });
        try {
            return command.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path where = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(where)) {
            throw new IllegalArgumentException(
                    "no CDNOW directory "
                            + where
                            + " (give the directory of "
                            + Cdnow.TRANSACTIONS_FILE
                            + " with --dir DIR)");
        }
        Map<Integer, List<DatedPurchase>> purchases = Cdnow.purchases(where);
        List<RepeatSummary> summaries = List.copyOf(Cdnow.calibrationSummaries(purchases).values());
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException(
                    where.resolve(Cdnow.TRANSACTIONS_FILE)
                            + " has no purchase up to "
                            + Cdnow.CALIBRATION_END);
        }
        BgNbdModel.Fit bgNbd = BgNbdModel.fit(summaries);
        GammaGammaModel.Fit gammaGamma = GammaGammaModel.fit(summaries);

        out.printf(
                Locale.ROOT,
                "CDNOW %s: %d customers, %d purchases; calibration %s to %s (39 weeks)%n",
                where,
                summaries.size(),
                purchases.values().stream().mapToInt(List::size).sum(),
                Cdnow.CALIBRATION_START,
                Cdnow.CALIBRATION_END);
        List<Parameter> parameters = parameters(bgNbd.parameters(), gammaGamma.parameters());
        for (Parameter p : parameters) {
            out.printf(Locale.ROOT, "%s %.4f %s%n", p.name(), p.fitted(), plain(p.published()));
        }
        out.printf(
                Locale.ROOT,
                "log-likelihood %.4f %s%n",
                bgNbd.logLikelihood(),
                plain(Cdnow.PUBLISHED_BG_NBD_LOG_LIKELIHOOD));
        out.printf(
                Locale.ROOT,
                "(BG/NBD on %d customers; Gamma-Gamma on the %d with a repeat purchase)%n",
                bgNbd.customers(),
                gammaGamma.customers());
        out.println();
        out.printf(
                "holdout %s to %s, repeat purchases by calibration repeat purchases x:%n",
                Cdnow.CALIBRATION_END.plusDays(1), Cdnow.HOLDOUT_END);
        HoldoutTable.of(purchases, bgNbd.model()).lines().forEach(out::println);
        out.println();

        List<String> disagreeing = new ArrayList<>();
        for (Parameter p : parameters) {
            if (!p.agrees()) {
                disagreeing.add(
                        String.format(
                                Locale.ROOT,
                                "%s (fitted %.4f, published %s)",
                                p.name(),
                                p.fitted(),
                                plain(p.published())));
            }
        }
        if (disagreeing.isEmpty()) {
            out.println(
                    "OK: every parameter agrees with the published one to 2 significant digits");
            return 0;
        }
        out.println(
                "FAILED: not the published value to 2 significant digits: "
                        + String.join(", ", disagreeing));
        return 1;
    }

    static List<Parameter> parameters(BgNbdParameters b, GammaGammaParameters g) {
        BgNbdParameters pb = Cdnow.PUBLISHED_BG_NBD;
        GammaGammaParameters pg = Cdnow.PUBLISHED_GAMMA_GAMMA;
        return List.of(
                new Parameter("r", b.r(), pb.r()),
                new Parameter("alpha", b.alpha(), pb.alpha()),
                new Parameter("a", b.a(), pb.a()),
                new Parameter("b", b.b(), pb.b()),
                new Parameter("p", g.p(), pg.p()),
                new Parameter("q", g.q(), pg.q()),
                new Parameter("v", g.v(), pg.v()));
    }

    private static String plain(double value) {
        return BigDecimal.valueOf(value).toPlainString();
    }
}
