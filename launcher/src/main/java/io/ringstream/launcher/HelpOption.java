package io.ringstream.launcher;

import picocli.CommandLine.Option;

/**
 * {@code -h/--help} for the picocli commands, without a {@code --version} that has none to show.
 */
final class HelpOption {
    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;
}
