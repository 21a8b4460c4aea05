package io.citywatch.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citywatch replay} writes its files and prints the one-screen summary. */
class ReplayCommandITCase {
    @TempDir Path folder;

    @Test
    void writesAlertsAndDeadLettersAndSummarises() throws Exception {
        Path sample = SamplesReplayITCase.scenario("bad_input");
        Path alerts = folder.resolve("alerts.jsonl");
        Path dead = folder.resolve("dead.jsonl");
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        int code =
                ReplayCommand.run(
                        List.of(
                                "--registry", sample.resolve("registry.jsonl").toString(),
                                "--readings", sample.resolve("readings.jsonl").toString(),
                                "--alerts-out", alerts.toString(),
                                "--deadletter-out", dead.toString()),
                        new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        String summary = console.toString(StandardCharsets.UTF_8);
        assertThat(summary)
                .contains("25 readings, 0 incidents, 1 registry, 0 actions")
                .contains(
                        "rejected         11: bad_value 4, invalid_json 3, missing_field 1, too_large 1, unit_mismatch 1, unknown_type 1")
                .contains("flood.water_level yellow 1")
                .contains("pending timeouts 1: device.offline 1");
        List<String> deadLines = Files.readAllLines(dead);
        assertThat(deadLines).hasSize(11);
        // the original record is kept whole, even the over-size one
        assertThat(deadLines)
                .anySatisfy(
                        line ->
                                assertThat(line)
                                        .contains("\"reason\":\"too_large\"")
                                        .hasSizeGreaterThan(64 * 1024));
        assertThat(Files.readAllLines(alerts))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("\"ruleId\":\"flood.water_level\""));
    }
}
