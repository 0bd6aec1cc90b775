package io.ringstream.launcher;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} every local command shares with {@code up}, so they all find the same key
 * and credential store.
 */
final class DataDirOption {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "the data directory of ./ringstream up (default: ./data)")
    Path dataDir;

    LocalLayout layout() {
        return LocalLayout.of(dataDir == null ? LocalLayout.defaultDataDir() : dataDir);
    }
}
