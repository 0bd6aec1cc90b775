package io.ringstream.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL server programs are: Debian installs each major version under {@code
 * /usr/lib/postgresql/<version>/bin} and puts none of initdb, pg_ctl and postgres on {@code PATH},
 * so we look there first (newest version wins), then ask {@code pg_config --bindir}.
 *
 * @param binDir the directory holding initdb, postgres, pg_ctl and psql
 */
public record PostgresBinaries(Path binDir) {
    /**
     * Set to a directory holding initdb, postgres and pg_ctl to use binaries found nowhere else.
     */
    public static final String BINDIR_ENV = "RINGSTREAM_POSTGRES_BINDIR";

    /** Debian's root of the versioned installations. */
    public static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");

    /** What to tell a person when no binaries are found. */
    public static final String INSTALL_HINT =
            "PostgreSQL's server programs (initdb, pg_ctl, postgres) are not installed. Install"
                    + " them with: sudo apt-get update && sudo apt-get install -y postgresql"
                    + " (Debian/Ubuntu), or point "
                    + BINDIR_ENV
                    + " at a directory holding them.";

    private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

    public Path initdb() {
        return binDir.resolve("initdb");
    }

    public Path postgres() {
        return binDir.resolve("postgres");
    }

    public Path pgCtl() {
        return binDir.resolve("pg_ctl");
    }

    /** The client; Debian ships it in the same directory (postgresql-client-NN). */
    public Path psql() {
        return binDir.resolve("psql");
    }

    /** The binaries on this machine, or {@link #INSTALL_HINT} as the exception's message. */
    public static PostgresBinaries require() {
        return find().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    /**
     * {@value #BINDIR_ENV} if set; else the newest version under {@link #DEBIAN_ROOT}; else {@code
     * pg_config --bindir}.
     */
    public static Optional<PostgresBinaries> find() {
        String override = System.getenv(BINDIR_ENV);
        if (override != null && !override.isBlank()) {
            return usable(Path.of(override));
        }
        Optional<PostgresBinaries> debian = newestUnder(DEBIAN_ROOT);
        return debian.isPresent() ? debian : pgConfigBindir().flatMap(PostgresBinaries::usable);
    }

    /**
     * The newest {@code <root>/<version>/bin} that holds the server programs; versions compare
     * numerically ({@code 9.6 < 13 < 15}).
     */
    static Optional<PostgresBinaries> newestUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> VERSION.matcher(v.getFileName().toString()).matches())
                    .sorted(
                            Comparator.comparing(
                                            (Path v) -> versionKey(v.getFileName().toString()),
                                            PostgresBinaries::compareVersions)
                                    .reversed())
                    .map(v -> usable(v.resolve("bin")))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    /** The directory as binaries if it holds executable initdb, postgres and pg_ctl. */
    static Optional<PostgresBinaries> usable(Path binDir) {
        PostgresBinaries candidate = new PostgresBinaries(binDir.toAbsolutePath().normalize());
        boolean complete =
                Stream.of(candidate.initdb(), candidate.postgres(), candidate.pgCtl())
                        .allMatch(Files::isExecutable);
        return complete ? Optional.of(candidate) : Optional.empty();
    }

    private static Optional<Path> pgConfigBindir() {
        try {
            Process process =
                    new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(Path.of(out));
        } catch (IOException e) {
            return Optional.empty(); // No pg_config on PATH.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static List<Integer> versionKey(String version) {
        return Stream.of(version.split("\\.")).map(Integer::valueOf).toList();
    }

    private static int compareVersions(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
