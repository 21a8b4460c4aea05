package io.citywatch.jobs.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
    void runNeedsAConfigFile() {
        assertThat(CityWatchCli.run(List.of("run"))).isEqualTo(2);
        assertThat(error()).contains("missing --config");
    }
}
