package io.ringstream.launcher;

import java.io.PrintWriter;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point behind the {@code ./ringstream} script: {@code up}, {@code sql}, {@code psql}, and
 * the local sign-in commands {@code token}, {@code user} and {@code client}, and the checks and
 * calculators ({@code simulate}, {@code erlang}, {@code sentiment-eval}, {@code value-check}).
 */
public final class Ringstream {
    private Ringstream() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: ringstream up|sql|psql|token|user|client|value-check [options]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Path defaultDataDir = LocalLayout.defaultDataDir();
        try {
            switch (args[0]) {
                case "up" -> up(UpOptions.parse(rest, defaultDataDir, System.getenv()));
                case "simulate" -> System.exit(SimulateCommand.run(rest, System.out));
                case "sentiment-eval" -> System.exit(SentimentEvalCommand.run(rest, System.out));
                case "erlang" -> System.exit(ErlangCommand.run(rest, System.out));
                case "token", "user", "client" -> System.exit(SecurityCommands.run(args));
                case "value-check" ->
                        System.exit(
                                ValueCheckCommand.run(
                                        rest,
                                        new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                                        new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
                case "sql" -> {
                    configureLogging(defaultDataDir);
                    System.exit(SqlCommand.run(rest, defaultDataDir, System.out));
                }
                case "psql" -> {
                    configureLogging(defaultDataDir);
                    System.exit(PsqlCommand.run(rest, defaultDataDir, Redirect.INHERIT));
                }
                default -> {
                    System.err.println("unknown command: " + args[0]);
                    System.exit(2);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("ringstream: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void up(UpOptions options) throws Exception {
        configureLogging(options.dataDir());
        LocalStack.say("data directory " + options.dataDir());
        CountDownLatch stop = new CountDownLatch(1);
        LocalStack stack = new LocalStack(options);
        Thread onCtrlC =
                new Thread(
                        () -> {
                            stop.countDown();
                            // Let main() stop everything in order before the JVM exits.
                            synchronized (stack) {
                                LocalStack.say("stopped");
                            }
                        },
                        "ringstream-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        synchronized (stack) {
            try (stack) {
                stack.start();
                LocalStack.say(
                        options.runFor()
                                .map(d -> "running for " + d.toSeconds() + " s")
                                .orElse("running; Ctrl-C stops"));
                try (StatusReporter status =
                        new StatusReporter(stack.clickhouse(), stack::eventsPublished)) {
                    status.start(LocalStack.statusEvery().toSeconds());
                    Duration limit = options.runFor().orElse(Duration.ofDays(365_000));
                    stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
                }
                LocalStack.say("stopping");
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
        } catch (IllegalStateException shuttingDown) {
            return; // Ctrl-C: the hook is running and the JVM exits after it.
        }
        // Kafka, Flink and the JDBC driver leave non-daemon threads behind.
        System.exit(0);
    }

    /**
     * Logs go to files under the data dir; the console keeps only the status lines and warnings.
     */
    private static void configureLogging(Path dataDir) {
        System.setProperty("ringstream.logdir", LocalLayout.of(dataDir).logs().toString());
        System.setProperty("log4j2.configurationFile", "ringstream-launcher-log4j2.xml");
    }
}
