package io.ringstream.clickhouse;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * The pid file a local server leaves in its data directory, so a later process (the launcher's
 * {@code sql} command) can find a running server and its ports instead of starting a second one.
 */
final class ServerStateFile {
    static final String FILE_NAME = "ringstream-clickhouse.pid";

    private ServerStateFile() {}

    static Path path(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    static void write(Path dataDir, long pid, int httpPort, int tcpPort) {
        String text = "pid=" + pid + "\nhttpPort=" + httpPort + "\ntcpPort=" + tcpPort + "\n";
        Path target = path(dataDir);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try {
            // Written then renamed, so a concurrent reader never sees half a file.
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    target,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /** The recorded server, or empty when there is no file or it is not one of ours. */
    static Optional<RunningServer> read(Path dataDir) {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(path(dataDir), StandardCharsets.UTF_8)));
            return Optional.of(
                    new RunningServer(
                            Long.parseLong(p.getProperty("pid", "").strip()),
                            Integer.parseInt(p.getProperty("httpPort", "").strip()),
                            Integer.parseInt(p.getProperty("tcpPort", "").strip()),
                            dataDir));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(dataDir), e);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Removes the file if it still names {@code pid} (a newer server may have replaced it). */
    static void deleteIfOwnedBy(Path dataDir, long pid) {
        Optional<RunningServer> recorded = read(dataDir);
        if (recorded.isPresent() && recorded.get().pid() == pid) {
            try {
                Files.deleteIfExists(path(dataDir));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path(dataDir), e);
            }
        }
    }
}
