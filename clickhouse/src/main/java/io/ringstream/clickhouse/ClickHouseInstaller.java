package io.ringstream.clickhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a clickhouse-server binary exists before we try to run one: installs Debian's package
 * when we can (root with apt-get), and otherwise fails with the exact command to run.
 */
public final class ClickHouseInstaller {
    /** The packages that provide clickhouse-server and clickhouse-client on Debian/Ubuntu. */
    public static final List<String> PACKAGES = List.of("clickhouse-server", "clickhouse-client");

    /** What to tell a person when we cannot install it ourselves. */
    public static final String INSTALL_HINT =
            "clickhouse-server is not installed. Install it with:"
                    + " sudo apt-get update && sudo apt-get install -y clickhouse-server"
                    + " clickhouse-client (Debian/Ubuntu; Debian 12 ships 18.16), or point "
                    + LocalClickHouseServer.BINARY_ENV
                    + " at a clickhouse-server binary.";

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseInstaller.class);
    private static final Path APT_GET = Path.of("/usr/bin/apt-get");
    private static final long APT_TIMEOUT_MINUTES = 20;

    private ClickHouseInstaller() {}

    /** What {@link #ensureInstalled()} will do on a machine. */
    public enum Plan {
        ALREADY_INSTALLED,
        INSTALL_WITH_APT,
        ASK_THE_USER
    }

    /** Pure decision, so the policy is testable without touching the machine. */
    public static Plan plan(boolean binaryPresent, boolean aptGetPresent, boolean root) {
        if (binaryPresent) {
            return Plan.ALREADY_INSTALLED;
        }
        return aptGetPresent && root ? Plan.INSTALL_WITH_APT : Plan.ASK_THE_USER;
    }

    /**
     * The clickhouse-server binary, installing it first with apt-get when it is absent and we run
     * as root.
     *
     * @throws IllegalStateException with {@link #INSTALL_HINT} when it is absent and we cannot
     *     install it, or when the installation fails
     */
    public static Path ensureInstalled() {
        Optional<Path> binary = LocalClickHouseServer.findBinary();
        if (binary.isPresent()) {
            return binary.get();
        }
        if (plan(false, Files.isExecutable(APT_GET), isRoot()) != Plan.INSTALL_WITH_APT) {
            throw new IllegalStateException(INSTALL_HINT);
        }
        LOG.warn("clickhouse-server is missing; installing {} with apt-get", PACKAGES);
        run(List.of(APT_GET.toString(), "update"));
        run(concat(List.of(APT_GET.toString(), "install", "-y"), PACKAGES));
        return LocalClickHouseServer.findBinary()
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "apt-get installed "
                                                + PACKAGES
                                                + " but no clickhouse-server binary was found. "
                                                + INSTALL_HINT));
    }

    private static void run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            if (!process.waitFor(APT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish. " + INSTALL_HINT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command)
                                + " failed with exit code "
                                + process.exitValue()
                                + ". "
                                + INSTALL_HINT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while installing clickhouse-server", e);
        }
    }

    private static boolean isRoot() {
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return id.waitFor(10, TimeUnit.SECONDS) && uid.strip().equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
