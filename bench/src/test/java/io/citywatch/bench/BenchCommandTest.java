package io.citywatch.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citywatch bench}'s command line, without running a benchmark. */
class BenchCommandTest {
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    @Test
    void helpShowsTheOptionsWithDefaultsAndExamples() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code =
                BenchCommand.run(
                        List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(
                        "--quick",
                        "--out",
                        "--records",
                        "--scale-devices",
                        "--latency-rate",
                        "--jmh")
                .contains("Default: citywatch-bench.json")
                .contains("citywatch bench --quick");
    }

    @Test
    void badUsageIsOneLineAndExitCode2() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThat(BenchCommand.run(List.of("--quik"), out)).isEqualTo(2);
        assertThat(BenchCommand.run(List.of("--records", "0"), out)).isEqualTo(2);
        assertThat(BenchCommand.run(List.of("--scale-devices", "10,x"), out)).isEqualTo(2);
        assertThat(BenchCommand.run(List.of("--latency-rate", "0"), out)).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8).lines())
                .containsExactly(
                        "citywatch: unknown option --quik; did you mean --quick?",
                        "citywatch: bench: --records must be a whole number ≥ 1",
                        "citywatch: --scale-devices must be a whole number, got x",
                        "citywatch: bench: --latency-rate must be a whole number ≥ 1");
    }
}
