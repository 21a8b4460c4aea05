package io.citywatch.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad usage exits 2 with one line on stderr, before any Flink work starts. */
class CityWatchCliTest {
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @TempDir Path folder;

    @BeforeEach
    void captureStderr() {
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalErr);
    }

    private String error() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommand() {
        assertThat(CityWatchCli.run(List.of("explode"))).isEqualTo(2);
        assertThat(error()).isEqualTo("citywatch: unknown command explode (try: citywatch help)\n");
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        assertThat(CityWatchCli.run(List.of())).isEqualTo(2);
    }

    @Test
    void missingInputFile() {
        int code =
                CityWatchCli.run(
                        List.of(
                                "replay",
                                "--readings",
                                folder.resolve("nope.jsonl").toString(),
                                "--alerts-out",
                                folder.resolve("a.jsonl").toString()));
        assertThat(code).isEqualTo(2);
        assertThat(error())
                .startsWith("citywatch: --readings: no readable file")
                .doesNotContain("\n\n");
        assertThat(error().lines()).hasSize(1);
    }

    @Test
    void missingAlertsOut() {
        assertThat(CityWatchCli.run(List.of("replay"))).isEqualTo(2);
        assertThat(error()).contains("missing --alerts-out");
    }

    @Test
    void unknownOption() {
        assertThat(CityWatchCli.run(List.of("replay", "--alerts-out", "x", "--frobnicate", "1")))
                .isEqualTo(2);
        assertThat(error()).contains("unknown option --frobnicate");
    }

    @Test
    void badDurationNamesTheOption() {
        int code =
                CityWatchCli.run(
                        List.of(
                                "replay",
                                "--alerts-out",
                                folder.resolve("a").toString(),
                                "--max-out-of-orderness",
                                "soon"));
        assertThat(code).isEqualTo(2);
        assertThat(error()).contains("max-out-of-orderness").contains("soon");
    }

    @Test
    void badLocale() {
        int code =
                CityWatchCli.run(
                        List.of(
                                "replay",
                                "--alerts-out",
                                folder.resolve("a").toString(),
                                "--locale",
                                "fr"));
        assertThat(code).isEqualTo(2);
        assertThat(error()).contains("locale must be en or zh-CN");
    }

    @Test
    void outputFolderMustExist() {
        int code =
                CityWatchCli.run(
                        List.of(
                                "replay",
                                "--alerts-out",
                                folder.resolve("no/such/dir/a.jsonl").toString()));
        assertThat(code).isEqualTo(2);
        assertThat(error()).contains("does not exist");
    }

    @Test
    void anUnknownOptionNamesTheNearestKnownOne() {
        assertThat(CityWatchCli.run(List.of("simulate", "--out", "x", "--spead", "5")))
                .isEqualTo(2);
        assertThat(error()).isEqualTo("citywatch: unknown option --spead; did you mean --speed?\n");
    }

    @Test
    void everyCommandHasHelpWithItsOptionsDefaultsAndAnExample() {
        for (List<String> command :
                List.of(
                        List.of(
                                "replay",
                                "--alerts-out",
                                "--max-out-of-orderness",
                                "Default: 30 s"),
                        List.of("run", "--config", "Example"),
                        List.of("demo", "--minutes", "Default: 2"),
                        List.of("simulate", "--speed", "Default: 60.0"),
                        List.of("bench", "--quick", "Default: citywatch-bench.json"))) {
            String help = stdout(command.get(0), "--help");
            assertThat(help)
                    .as(command.get(0))
                    .contains("Usage: citywatch " + command.get(0))
                    .contains("Example")
                    .contains(command.subList(1, command.size()));
        }
        assertThat(stdout("replay", "--help"))
                .contains("--influx-api")
                .contains("--locale")
                .contains("--device-aggregates")
                .contains("Default: 10 min");
        assertThat(error()).isEmpty();
    }

    @Test
    void topLevelHelpListsEveryCommand() {
        for (List<String> args : List.of(List.of("--help"), List.of("help"))) {
            assertThat(stdout(args.toArray(String[]::new)))
                    .contains("replay", "run", "demo", "simulate", "bench", "Example");
        }
        assertThat(stdout("help", "replay")).contains("--alerts-out");
    }

    /** What a command printed on stdout; it must exit 0. */
    private String stdout(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(CityWatchCli.run(List.of(args))).as(String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runNeedsAConfigFile() {
        assertThat(CityWatchCli.run(List.of("run"))).isEqualTo(2);
        assertThat(error()).contains("missing --config");
    }

    @Test
    void simulateSaysWhatIsWrong() {
        assertThat(CityWatchCli.run(List.of("simulate"))).isEqualTo(2);
        assertThat(
                        CityWatchCli.run(
                                List.of("simulate", "--out", "x", "--scenarios", "meteor_strike")))
                .isEqualTo(2);
        assertThat(CityWatchCli.run(List.of("simulate", "--out", "x", "--duration", "20m")))
                .isEqualTo(2);
    }

    @Test
    void simulateWritesFilesThatReplayReads() throws IOException {
        Path out = folder.resolve("city");
        assertThat(
                        CityWatchCli.run(
                                List.of(
                                        "simulate",
                                        "--out",
                                        out.toString(),
                                        "--risk-points",
                                        "12",
                                        "--duration",
                                        "40m",
                                        "--scenarios",
                                        "gas_leak@5,fire_confirmed@10")))
                .isEqualTo(0);
        assertThat(out.resolve("readings.jsonl")).isNotEmptyFile();
        assertThat(out.resolve("registry.jsonl")).isNotEmptyFile();
        assertThat(Files.readAllLines(out.resolve("expected-alerts.jsonl"))).hasSize(3);
    }
}
