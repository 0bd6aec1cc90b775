package io.ringstream.launcher;

import io.ringstream.security.credentials.PasswordHasher;
import java.io.Console;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;

/**
 * Parses and runs {@code ./ringstream token}, {@code user} and {@code client} with picocli: the
 * commands that sign in to the local stack and manage who may, on the data directory's key and
 * credential store.
 */
@Command(name = "ringstream")
final class SecurityCommands {
    @Mixin HelpOption help;

    /** Reads {@code --ttl 8h} like every other duration on the launcher's command line. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return Durations.parse(value);
        }
    }

    private SecurityCommands() {}

    /** Runs {@code args} (the command name first); returns the exit code. */
    static int run(
            String[] args,
            PrintWriter out,
            PrintWriter err,
            InputStream in,
            Console console,
            Supplier<PasswordHasher> hasher,
            Clock clock) {
        SecretInput input = new SecretInput(in, console);
        CommandLine root =
                new CommandLine(new SecurityCommands())
                        .addSubcommand(new TokenCommand(clock))
                        .addSubcommand(
                                new CommandLine(new UserCommand())
                                        .addSubcommand(new UserCommand.Add(input, hasher))
                                        .addSubcommand(new UserCommand.List())
                                        .addSubcommand(new UserCommand.Remove()))
                        .addSubcommand(
                                new CommandLine(new ClientCommand())
                                        .addSubcommand(new ClientCommand.Add(hasher))
                                        .addSubcommand(new ClientCommand.List())
                                        .addSubcommand(new ClientCommand.Remove()));
        root.setCaseInsensitiveEnumValuesAllowed(true)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(
                        (e, commandLine, parsed) -> {
                            if (e instanceof IllegalArgumentException
                                    || e instanceof IllegalStateException) {
                                commandLine.getErr().println("ringstream: " + e.getMessage());
                                return 1;
                            }
                            throw e;
                        });
        try {
            return root.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The same, on this process's terminal, with production bcrypt cost. */
    static int run(String[] args) {
        return run(
                args,
                new PrintWriter(System.out, true),
                new PrintWriter(System.err, true),
                System.in,
                System.console(),
                // Built on first use: a token needs no bcrypt, whose set-up takes a quarter second.
                () -> new PasswordHasher(PasswordHasher.DEFAULT_COST),
                Clock.systemUTC());
    }
}
