package io.ringstream.flink.kit.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds retained checkpoints on a local file system, so a restarted local run can resume its
 * interval state instead of starting empty.
 *
 * <p>Flink lays them out as {@code <checkpoint dir>/<job id>/chk-<n>/_metadata}; a checkpoint is
 * complete once its {@code _metadata} file exists. Each run of the job gets a new job id, and a
 * restored run continues the checkpoint numbering, so the newest complete checkpoint is the one
 * whose metadata was written last (ties broken by number).
 */
public final class Checkpoints {
    private static final Pattern CHECKPOINT_DIR = Pattern.compile("chk-(\\d+)");
    private static final String METADATA = "_metadata";

    private Checkpoints() {}

    /**
     * @param checkpointDir the directory configured as {@code execution.checkpointing.dir}, as a
     *     path or a {@code file:} URI
     * @return the newest complete checkpoint's directory (pass it as {@code
     *     execution.state-recovery.path}), or empty if there is none
     */
    public static Optional<Path> latestRetained(String checkpointDir) {
        return latestRetained(toPath(checkpointDir));
    }

    public static Optional<Path> latestRetained(Path checkpointDir) {
        if (!Files.isDirectory(checkpointDir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointDir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completeCheckpoints)
                    .max(
                            Comparator.comparing(Checkpoints::metadataTime)
                                    .thenComparingLong(Checkpoints::number))
                    .map(Checkpoint::dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + checkpointDir, e);
        }
    }

    /** The checkpoint number of a {@code chk-<n>} directory. */
    public static long number(Path checkpoint) {
        Matcher m = CHECKPOINT_DIR.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(checkpoint + " is not a chk-<n> directory");
        }
        return Long.parseLong(m.group(1));
    }

    static Path toPath(String checkpointDir) {
        return checkpointDir.startsWith("file:")
                ? Path.of(java.net.URI.create(checkpointDir))
                : Path.of(checkpointDir);
    }

    private static Stream<Checkpoint> completeCheckpoints(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children
                    .filter(p -> CHECKPOINT_DIR.matcher(p.getFileName().toString()).matches())
                    .filter(p -> Files.isRegularFile(p.resolve(METADATA)))
                    .map(p -> new Checkpoint(p, modified(p.resolve(METADATA))))
                    .toList()
                    .stream();
        } catch (IOException e) {
            // A job directory that vanished while listing (Flink subsumed it): no checkpoints.
            return Stream.empty();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static FileTime metadataTime(Checkpoint c) {
        return c.metadataTime();
    }

    private static long number(Checkpoint c) {
        return number(c.dir());
    }

    private record Checkpoint(Path dir, FileTime metadataTime) {}
}
