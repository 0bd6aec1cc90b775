package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ./ringstream erlang}: the worked example of the contact-center notes, printed. */
class ErlangCommandTest {

    private static List<String> run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = ErlangCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static String row(List<String> lines, int agents) {
        return lines.stream()
                .filter(
                        l ->
                                l.length() > 6
                                        && l.substring(1, 6)
                                                .trim()
                                                .equals(Integer.toString(agents)))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void reproducesTheWorkedExample() {
        List<String> lines =
                run("--calls", "360", "--interval", "30m", "--aht", "240", "--target", "80/20");

        assertThat(lines.get(0))
                .isEqualTo("360 calls in 30 min, AHT 240 s: offered load 48.00 Erlangs");
        assertThat(lines.get(1)).isEqualTo("Target 80% answered within 20 s: 54 agents required");
        assertThat(row(lines, 53)).contains("0.3765", "75.18%", "18.07", "90.57%");
        assertThat(row(lines, 54)).startsWith(">").contains("0.3013", "81.72%", "12.05", "88.89%");
        assertThat(row(lines, 55)).contains("0.2387", "86.68%", "8.18", "87.27%");
    }

    @Test
    void theSecondExampleAtAnHourAndAHigherTarget() {
        List<String> lines =
                run("--calls", "200", "--interval", "1h", "--aht", "180", "--target", "90/20");

        assertThat(lines.get(1)).isEqualTo("Target 90% answered within 20 s: 15 agents required");
        // The notes round these to 79.6%, 88.8% and 94.1%.
        assertThat(row(lines, 13)).contains("79.56%");
        assertThat(row(lines, 14)).contains("88.84%");
        assertThat(row(lines, 15)).startsWith(">").contains("94.15%");
    }

    @Test
    void neverListsTooFewAgentsToCarryTheLoad() {
        List<String> lines =
                run(
                        "--calls",
                        "10",
                        "--interval",
                        "1h",
                        "--aht",
                        "360",
                        "--target",
                        "80/20",
                        "--rows",
                        "5");

        // Load 1 Erlang: one agent would never catch up; the table starts at two.
        assertThat(lines.get(3)).contains("agents");
        assertThat(lines.get(4).substring(1, 6).trim()).isEqualTo("2");
    }

    @Test
    void missingOrMalformedOptionsSayWhatIsExpected() {
        assertThatThrownBy(() -> run("--calls", "360"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--target PERCENT/SECONDS");
        assertThatThrownBy(
                        () ->
                                run(
                                        "--calls",
                                        "360",
                                        "--interval",
                                        "30m",
                                        "--aht",
                                        "240",
                                        "--target",
                                        "80"))
                .hasMessageContaining("percent/seconds");
        assertThatThrownBy(() -> run("--calls", "many", "--interval", "30m"))
                .hasMessageContaining("--calls must be a number");
    }
}
