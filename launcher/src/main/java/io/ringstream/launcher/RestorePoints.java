package io.ringstream.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest complete Flink snapshot (savepoint from a clean stop, or retained checkpoint
 * from a crash) under the local data dir, so the next {@code up} resumes the job's state.
 */
final class RestorePoints {
    private RestorePoints() {}

    /** The newest directory under {@code roots} holding a {@code _metadata} file. */
    static Optional<Path> newest(Path... roots) {
        return Stream.of(roots)
                .filter(Files::isDirectory)
                .flatMap(RestorePoints::metadataFiles)
                .max(Comparator.comparingLong(RestorePoints::modified))
                .map(Path::getParent);
    }

    private static Stream<Path> metadataFiles(Path root) {
        // savepoints/savepoint-*/_metadata and checkpoints/<job-id>/chk-*/_metadata
        try (Stream<Path> files = Files.find(root, 3, (p, a) -> p.endsWith("_metadata"))) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
