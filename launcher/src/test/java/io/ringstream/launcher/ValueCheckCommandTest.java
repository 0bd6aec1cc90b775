package io.ringstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringstream.customers.value.cdnow.Cdnow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ringstream value-check}: the CDNOW fit against the published parameters, printed. */
class ValueCheckCommandTest {

    /** The repository's copy of the CDNOW files (tests run in the launcher module's directory). */
    static final Path CDNOW = Path.of("..", "customers", "src", "test", "resources", "cdnow");

    record Result(int code, List<String> out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ValueCheckCommand.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString().lines().toList(), err.toString());
    }

    private static String[] line(List<String> lines, String name) {
        return lines.stream()
                .map(l -> l.split(" "))
                .filter(f -> f.length == 3 && f[0].equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + name + " in " + lines));
    }

    @Test
    void givenTheCdnowFiles_whenChecked_thenEveryParameterIsThePublishedOneAndTheExitCodeIs0() {
        Result result = run("--dir", CDNOW.toString());

        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        Map<String, Double> published =
                Map.of(
                        "r", Cdnow.PUBLISHED_BG_NBD.r(),
                        "alpha", Cdnow.PUBLISHED_BG_NBD.alpha(),
                        "a", Cdnow.PUBLISHED_BG_NBD.a(),
                        "b", Cdnow.PUBLISHED_BG_NBD.b(),
                        "p", Cdnow.PUBLISHED_GAMMA_GAMMA.p(),
                        "q", Cdnow.PUBLISHED_GAMMA_GAMMA.q(),
                        "v", Cdnow.PUBLISHED_GAMMA_GAMMA.v());
        published.forEach(
                (name, value) -> {
                    String[] f = line(result.out(), name);
                    assertThat(Double.parseDouble(f[2])).as(name).isEqualTo(value);
                    assertThat(Double.parseDouble(f[1]))
                            .as(name)
                            .matches(fitted -> Cdnow.agreeTo2SignificantDigits(fitted, value));
                });
        assertThat(line(result.out(), "r")).containsExactly("r", "0.2426", "0.2426");
        assertThat(Double.parseDouble(line(result.out(), "log-likelihood")[1]))
                .isBetween(-9582.45, -9582.35);
        assertThat(result.out()).anyMatch(l -> l.matches("0 +1411 +334 +317\\.6 .*"));
        assertThat(result.out()).anyMatch(l -> l.matches("7\\+ +64 +407 .*"));
        assertThat(result.out()).anyMatch(l -> l.matches("total +2357 +1882 +1653\\.4 .*"));
        assertThat(result.out().get(result.out().size() - 1)).startsWith("OK");
    }

    @Test
    void givenAMissingDirectory_whenChecked_thenItSaysWhichAndExitsNonZero(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-dir");

        Result result = run("--dir", missing.toString());

        assertThat(result.code()).isNotZero();
        assertThat(result.err())
                .contains("no CDNOW directory " + missing.toAbsolutePath(), "--dir");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void givenADirectoryWithoutTheTransactions_whenChecked_thenItNamesTheFile(@TempDir Path tmp) {
        Result result = run("--dir", tmp.toString());

        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("no CDNOW_sample.txt in " + tmp.toAbsolutePath());
    }

    @Test
    void givenOtherData_whenChecked_thenItNamesTheParametersThatDisagreeAndExits1(@TempDir Path tmp)
            throws IOException {
        Files.writeString(
                tmp.resolve(Cdnow.TRANSACTIONS_FILE),
                String.join(
                        "\n",
                        "00001 1 19970101 1 10.00",
                        "00001 1 19970301 1 20.00",
                        "00001 1 19970601 2 30.00",
                        "00002 2 19970105 1 15.00",
                        "00002 2 19970801 1 25.00",
                        "00003 3 19970110 1 12.00",
                        "00004 4 19970201 1 40.00",
                        "00004 4 19970202 1 45.00",
                        "00004 4 19970901 1 50.00",
                        "00004 4 19971101 1 55.00",
                        ""));

        Result result = run("--dir", tmp.toString());

        assertThat(result.code()).isEqualTo(1);
        assertThat(result.out().get(result.out().size() - 1))
                .startsWith("FAILED: not the published value to 2 significant digits: ")
                .contains("published 0.2426");
    }

    @Test
    void givenAMalformedLine_whenChecked_thenItNamesTheLine(@TempDir Path tmp) throws IOException {
        Files.writeString(
                tmp.resolve(Cdnow.TRANSACTIONS_FILE),
                "00001 1 19970101 1 10.00\n00001 1 1997-03-01 1 20.00\n");

        Result result = run("--dir", tmp.toString());

        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("CDNOW_sample.txt line 2 is malformed");
    }

    @Test
    void twoSignificantDigitsMeansWithinHalfAUnitOfTheSecondDigit() {
        assertThat(Cdnow.agreeTo2SignificantDigits(6.249, 6.25)).isTrue();
        assertThat(Cdnow.agreeTo2SignificantDigits(6.30, 6.25)).isTrue();
        assertThat(Cdnow.agreeTo2SignificantDigits(6.31, 6.25)).isFalse();
        assertThat(Cdnow.agreeTo2SignificantDigits(0.2476, 0.2426)).isTrue();
        assertThat(Cdnow.agreeTo2SignificantDigits(0.2480, 0.2426)).isFalse();
        assertThat(Cdnow.agreeTo2SignificantDigits(15.4, 15.45)).isTrue();
        assertThat(Cdnow.agreeTo2SignificantDigits(16.0, 15.45)).isFalse();
        assertThat(Cdnow.agreeTo2SignificantDigits(Double.NaN, 1.0)).isFalse();
    }
}
