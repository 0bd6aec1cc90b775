package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Migration file naming and checksums. */
class MigrationTest {

    @Test
    void parsesVersionNameAndStatements() {
        Migration m = Migration.parse("V012__add_things.sql", "SELECT 1;\nSELECT 2;\n");

        assertThat(m.version()).isEqualTo(12);
        assertThat(m.name()).isEqualTo("V012__add_things");
        assertThat(m.statements()).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void checksumIgnoresCommentsButNotStatements() {
        Migration original = Migration.parse("V001__a.sql", "SELECT 1;");
        Migration commented = Migration.parse("V001__a.sql", "-- why\nSELECT 1;");
        Migration edited = Migration.parse("V001__a.sql", "SELECT 2;");

        assertThat(commented.checksum()).isEqualTo(original.checksum());
        assertThat(edited.checksum()).isNotEqualTo(original.checksum());
    }

    @Test
    void rejectsBadFileNamesAndEmptyFiles() {
        assertThatThrownBy(() -> Migration.parse("001_create.sql", "SELECT 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V001__what_it_does.sql");
        assertThatThrownBy(() -> Migration.parse("V001__empty.sql", "-- nothing\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no statements");
    }
}
