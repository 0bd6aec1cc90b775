package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Statement splitting, since one bad split would send half a statement to the server. */
class SqlScriptTest {

    @Test
    void splitsOnSemicolonsAndDropsCommentsAndBlankStatements() {
        String script =
                """
                -- the database
                CREATE DATABASE IF NOT EXISTS x;

                /* a table
                   with a block comment */
                CREATE TABLE x.t (a String) ENGINE = Memory
                ;
                ;
                -- trailing comment only
                """;

        assertThat(SqlScript.statements(script))
                .containsExactly(
                        "CREATE DATABASE IF NOT EXISTS x",
                        "CREATE TABLE x.t (a String) ENGINE = Memory");
    }

    @Test
    void keepsSemicolonsAndCommentMarkersInsideQuotes() {
        String script =
                "INSERT INTO t VALUES ('a;b', 'it\\'s -- not a comment');\n"
                        + "SELECT `odd;name` FROM t";

        assertThat(SqlScript.statements(script))
                .containsExactly(
                        "INSERT INTO t VALUES ('a;b', 'it\\'s -- not a comment')",
                        "SELECT `odd;name` FROM t");
    }

    @Test
    void aLastStatementWithoutSemicolonCounts() {
        assertThat(SqlScript.statements("SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void rejectsUnterminatedQuotes() {
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated");
    }
}
