package io.ringstream.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tab-separated rendering that {@code ./ringstream sql} prints. */
class ResultTableTest {

    @Test
    void rendersTabSeparatedWithNullsAndEscapes() {
        ResultTable table =
                new ResultTable(
                        List.of("queue", "note"),
                        List.of(
                                List.of("sales", "a\tb"),
                                Arrays.asList("support", null),
                                List.of("x", "line1\nline2")));

        assertThat(table.toTabSeparated(true))
                .isEqualTo("queue\tnote\nsales\ta\\tb\nsupport\t\\N\nx\tline1\\nline2\n");
        assertThat(table.toTabSeparated(false)).startsWith("sales\t");
    }
}
