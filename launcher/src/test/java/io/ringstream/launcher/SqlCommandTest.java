package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code ./ringstream sql}'s arguments: help and typos never reach ClickHouse as a query. */
class SqlCommandTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void helpPrintsTheUsageAndStartsNothing() {
        int code = SqlCommand.run(new String[] {"--help"}, Path.of("no-such-dir"), out);

        assertThat(code).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("usage: ./ringstream sql");
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        assertThatThrownBy(
                        () ->
                                SqlCommand.run(
                                        new String[] {"--hedaer"}, Path.of("no-such-dir"), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown option --hedaer")
                .hasMessageContaining("usage:");
    }

    @Test
    void noQueryIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> SqlCommand.run(new String[] {}, Path.of("no-such-dir"), out))
                .hasMessage(SqlCommand.USAGE);
    }
}
