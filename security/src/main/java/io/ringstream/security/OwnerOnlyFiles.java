package io.ringstream.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates files that hold keys and credentials so that only their owner can read them. The
 * permissions are set when the file is created, so there is no moment in which another local user
 * could open it.
 */
public final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    /**
     * Writes a new file with mode 0600 (where the file system has POSIX permissions), creating its
     * folder; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists.
     */
    public static void create(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix && !Files.isDirectory(parent)) {
            Files.createDirectories(
                    parent,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(parent);
        }
        if (posix) {
            Files.createFile(
                    file,
                    PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
