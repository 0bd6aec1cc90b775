package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration discovery in directories and jars, and the schema rules every migration must follow.
 */
class ClasspathMigrationsTest {

    @Test
    void projectMigrationsAreOrderedAndStartByCreatingTheDatabase() {
        List<Migration> migrations = ClasspathMigrations.load();

        // Each capability owns a range of versions (docs/clickhouse.md), so gaps are expected.
        assertThat(migrations).extracting(Migration::version).isSorted().doesNotHaveDuplicates();
        assertThat(migrations.get(0).name()).isEqualTo("V001__create_database");
        assertThat(migrations.get(0).statements())
                .containsExactly("CREATE DATABASE IF NOT EXISTS ringstream");
    }

    @Test
    void everyProjectStatementIsIdempotentAndAvoidsWhat1816Rejects() {
        for (Migration migration : ClasspathMigrations.load()) {
            for (String statement : migration.statements()) {
                if (statement.startsWith("CREATE")) {
                    assertThat(statement).as(migration.name()).contains("IF NOT EXISTS");
                }
                assertThat(statement)
                        .as(migration.name())
                        .doesNotContain("DateTime64", "LowCardinality", "toStartOfInterval")
                        .doesNotContainPattern("(?m)^\\s*TTL\\b");
            }
        }
    }

    @Test
    void findsMigrationsInAJarWithoutDirectoryEntries(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("migrations.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            write(out, "clickhouse/migrations/V002__second.sql", "SELECT 2;");
            write(out, "clickhouse/migrations/V001__create_database.sql", "SELECT 1;");
            write(out, "clickhouse/migrations/README.md", "not a migration");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Migration> migrations =
                    ClasspathMigrations.load(loader, ClasspathMigrations.LOCATION);

            assertThat(migrations)
                    .extracting(Migration::name)
                    .containsExactly("V001__create_database", "V002__second");
        }
    }

    @Test
    void duplicateVersionsFail(@TempDir Path dir) throws IOException {
        Path migrations = Files.createDirectories(dir.resolve("m"));
        Files.writeString(migrations.resolve("V001__one.sql"), "SELECT 1;");
        Files.writeString(migrations.resolve("V001__other.sql"), "SELECT 2;");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> ClasspathMigrations.load(loader, "m"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("two migrations share version 1");
        }
    }

    private static void write(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
