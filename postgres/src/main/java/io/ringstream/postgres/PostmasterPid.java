package io.ringstream.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a running postmaster writes to {@code postmaster.pid} in its data directory: its pid, port,
 * socket directory and start-up status. We read it instead of keeping our own state file, so a
 * later process (the launcher's {@code psql}) finds a server started by {@code up}.
 *
 * @param status {@code starting}, {@code ready}, {@code stopping} or {@code standby}; empty on
 *     servers too old to say
 */
record PostmasterPid(long pid, Path dataDir, int port, String socketDirectory, String status) {
    static final String FILE_NAME = "postmaster.pid";

    /** The file's content, or empty when there is none or it is incomplete (being written). */
    static Optional<PostmasterPid> read(Path pgdata) {
        try {
            return parse(Files.readAllLines(pgdata.resolve(FILE_NAME), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pgdata.resolve(FILE_NAME), e);
        }
    }

    /** Lines: pid, data directory, start time, port, socket directory, listen address, ... */
    static Optional<PostmasterPid> parse(List<String> lines) {
        if (lines.size() < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new PostmasterPid(
                            Long.parseLong(lines.get(0).strip()),
                            Path.of(lines.get(1).strip()),
                            Integer.parseInt(lines.get(3).strip()),
                            lines.size() > 4 ? lines.get(4).strip() : "",
                            lines.size() > 7 ? lines.get(7).strip() : ""));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    boolean ready() {
        return "ready".equals(status);
    }
}
