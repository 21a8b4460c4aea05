package io.citywatch.common.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Usage errors are one line and exit 2; help exits 0; other failures reach the caller. */
class CommandsTest {
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
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

    @Command(name = "pace", showDefaultValues = true, footer = "Example: pace --speed 2")
    static final class Pace implements Callable<Integer> {
        @Option(names = "--speed", description = "How fast.")
        double speed = 60;

        @Option(names = "--seed", description = "Seed.")
        long seed = 7;

        @Option(names = "--duration", converter = DurationConverter.class)
        Duration duration = Duration.ofHours(2);

        @Option(names = "--fail")
        String fail;

        @Option(names = "--help", usageHelp = true)
        boolean help;

        @Override
        public Integer call() {
            if ("usage".equals(fail)) {
                throw new UsageException("--fail says so");
            }
            if ("crash".equals(fail)) {
                throw new IllegalStateException("crashed");
            }
            return (int) speed;
        }
    }

    private int run(String... args) {
        CommandLine line =
                Commands.commandLine(
                        new Pace(), new PrintStream(stdout, true, StandardCharsets.UTF_8));
        return Commands.run(line, List.of(args));
    }

    private List<String> errorLines() {
        return stderr.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void runsTheCommandWithItsOptions() {
        assertThat(run("--speed", "5")).isEqualTo(5);
        assertThat(run("--speed=7")).isEqualTo(7);
        assertThat(run()).isEqualTo(60);
        assertThat(errorLines()).isEmpty();
    }

    @Test
    void helpShowsOptionsDefaultsAndTheExample() {
        assertThat(run("--help")).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8))
                .contains("--speed")
                .contains("Default: 60.0")
                .contains("Default: PT2H")
                .contains("Example: pace --speed 2");
    }

    @Test
    void anUnknownOptionNamesTheNearestKnownOne() {
        assertThat(run("--spead", "5")).isEqualTo(2);
        assertThat(errorLines())
                .containsExactly("citywatch: unknown option --spead; did you mean --speed?");
    }

    @Test
    void anUnknownOptionFarFromAnyIsNamedAlone() {
        assertThat(run("--frobnicate=1")).isEqualTo(2);
        assertThat(errorLines()).containsExactly("citywatch: unknown option --frobnicate");
    }

    @Test
    void badUsageIsOneLine() {
        assertThat(run("--speed")).isEqualTo(2);
        assertThat(run("--speed", "1", "--speed", "2")).isEqualTo(2);
        assertThat(run("--seed", "x")).isEqualTo(2);
        assertThat(run("--duration", "soon")).isEqualTo(2);
        assertThat(run("stray")).isEqualTo(2);
        assertThat(run("--fail", "usage")).isEqualTo(2);
        assertThat(errorLines())
                .containsExactly(
                        "citywatch: --speed needs a value",
                        "citywatch: --speed is given twice",
                        "citywatch: --seed must be a whole number, got x",
                        "citywatch: --duration: must be a duration such as 90m or 2h, got soon",
                        "citywatch: unexpected argument stray (options start with --)",
                        "citywatch: --fail says so");
    }

    @Test
    void durationsTakeFlinkAndIsoSyntax() {
        DurationConverter converter = new DurationConverter();
        assertThat(converter.convert("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("30 s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("PT2H")).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> converter.convert("0s"))
                .isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void otherFailuresReachTheCaller() {
        assertThatThrownBy(() -> run("--fail", "crash")).hasMessage("crashed");
    }
}
