package io.ringstream.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh directories under the module's {@code target/}, for what a Flink job writes in a test
 * (checkpoints). JUnit's {@code @TempDir} deletes its directory when the test ends, while a job
 * that was just cancelled may still be writing or discarding a checkpoint there, which fails the
 * test for no fault of its own; {@code mvn clean} removes these, and they stay for post-mortems.
 */
public final class TargetDirectories {
    private TargetDirectories() {}

    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(
                            Files.createDirectories(Path.of("target", "test-dirs")), prefix)
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under target/", e);
        }
    }
}
