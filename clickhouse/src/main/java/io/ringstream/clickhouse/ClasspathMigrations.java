package io.ringstream.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the migration files on the classpath, both in a build's classes directory and inside a
 * (possibly shaded) jar, because the class loader API cannot list a directory by itself.
 */
public final class ClasspathMigrations {
    /** Where the migration files live on the classpath. */
    public static final String LOCATION = "clickhouse/migrations";

    private static final String ANCHOR = "V001__create_database.sql";

    private ClasspathMigrations() {}

    /** The project's migrations, ordered by version. */
    public static List<Migration> load() {
        return load(ClasspathMigrations.class.getClassLoader(), LOCATION);
    }

    /** The migrations under {@code location}, ordered by version; duplicate versions fail. */
    public static List<Migration> load(ClassLoader classLoader, String location) {
        TreeMap<Integer, Migration> byVersion = new TreeMap<>();
        for (Migration migration : readAll(classLoader, location)) {
            Migration previous = byVersion.putIfAbsent(migration.version(), migration);
            if (previous != null && !previous.equals(migration)) {
                throw new IllegalStateException(
                        "two migrations share version "
                                + migration.version()
                                + ": "
                                + previous.name()
                                + " and "
                                + migration.name());
            }
        }
        if (byVersion.isEmpty()) {
            throw new IllegalStateException("no migrations found on the classpath at " + location);
        }
        return List.copyOf(byVersion.values());
    }

    private static List<Migration> readAll(ClassLoader classLoader, String location) {
        // Jars built without directory entries do not resolve the folder itself, so the first
        // migration's file also serves as an anchor for finding its container.
        Set<String> seen = new HashSet<>();
        List<Migration> found = new ArrayList<>();
        try {
            List<URL> roots =
                    new ArrayList<>(Collections.list(classLoader.getResources(location + "/")));
            roots.addAll(Collections.list(classLoader.getResources(location + "/" + ANCHOR)));
            for (URL root : roots) {
                switch (root.getProtocol()) {
                    case "file" -> {
                        Path path = Path.of(root.toURI());
                        Path dir = Files.isDirectory(path) ? path : path.getParent();
                        if (seen.add(dir.toAbsolutePath().normalize().toString())) {
                            found.addAll(fromDirectory(dir));
                        }
                    }
                    case "jar" -> {
                        String jar = root.getPath().substring(0, root.getPath().indexOf("!/"));
                        if (seen.add(jar)) {
                            found.addAll(fromJar(root, location));
                        }
                    }
                    default ->
                            throw new IllegalStateException(
                                    "cannot list migrations at " + root + " (unknown protocol)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migrations at " + location, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad migration location " + location, e);
        }
        return found;
    }

    private static List<Migration> fromDirectory(Path dir) throws IOException {
        List<Migration> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                String fileName = file.getFileName().toString();
                if (Migration.isMigrationFileName(fileName)) {
                    found.add(Migration.parse(fileName, Files.readString(file)));
                }
            }
        }
        return found;
    }

    private static List<Migration> fromJar(URL root, String location) throws IOException {
        List<Migration> found = new ArrayList<>();
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        String prefix = location + "/";
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String entryName = entry.getName();
                if (!entryName.startsWith(prefix) || entry.isDirectory()) {
                    continue;
                }
                String fileName = entryName.substring(prefix.length());
                if (Migration.isMigrationFileName(fileName)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        found.add(
                                Migration.parse(
                                        fileName,
                                        new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return found;
    }
}
