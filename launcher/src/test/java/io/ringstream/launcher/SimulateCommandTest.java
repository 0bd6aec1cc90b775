package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code ./ringstream simulate}: its tables and its argument errors. */
class SimulateCommandTest {

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SimulateCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void erlangPrintsTheoryAndSimulationPerStaffingLevel() {
        String out = run("erlang", "--hours", "10", "--agents", "54,55");
        assertThat(out).contains("720 calls/h, AHT 240 s", "10 h simulated per row");
        assertThat(out).containsPattern("(?m)^54 \\| 81\\.7% \\| \\d+\\.\\d% \\|");
        assertThat(out).containsPattern("(?m)^55 \\| 86\\.7% \\| \\d+\\.\\d% \\|");
    }

    @Test
    void badArgumentsAreRejectedWithTheUsage() {
        assertThatThrownBy(() -> run("compare", "--hours", "0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--hours must be positive");
        assertThatThrownBy(() -> run("compare", "--agents"))
                .hasMessageContaining("--agents needs a value");
        assertThatThrownBy(() -> run("compare", "--seed", "x"))
                .hasMessageContaining("--seed needs a number");
        assertThatThrownBy(() -> run("juggle")).hasMessageContaining("usage:");
        assertThatThrownBy(() -> run()).hasMessageContaining("usage:");
    }
}
