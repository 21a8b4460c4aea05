package io.citywatch.jobs.cli;

import io.citywatch.common.model.Alert;
import io.citywatch.jobs.config.JobSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the contract's sample scenarios (../shared/samples) on a MiniCluster, twice, and checks
 * the alerts and dead-letter counts of their expected.json and that both runs give the same bytes.
 */
public class SamplesReplayITCase {
    public static final Path SAMPLES =
            Path.of(System.getProperty("citywatch.samples", "../../shared/samples"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "fire_two_detectors",
                "fire_pump_failed",
                "flood_cuntan_2020",
                "geo_tangent_red",
                "gas_spread",
                "device_offline",
                "bad_input"
            })
    void replaysToExactlyTheExpectedAlerts(String sample) throws Exception {
        Path folder = SAMPLES.resolve(sample);
        assertThat(folder).as("the samples of ../shared/samples").isDirectory();
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());

        Replay.Result first = replay(folder);
        Replay.Result second = replay(folder);

        assertThat(highestLevels(first.alerts()))
                .as("alerts of %s", sample)
                .containsExactlyInAnyOrderElementsOf(expectedAlerts(expected));
        int deadLetters = expected.has("deadletter") ? expected.get("deadletter").asInt() : 0;
        assertThat(first.deadLetters()).as("dead letters of %s", sample).hasSize(deadLetters);

        assertThat(second.alertLines()).isEqualTo(first.alertLines());
        assertThat(second.deadLetterLines()).isEqualTo(first.deadLetterLines());
    }

    public static Replay.Result replay(Path folder) throws Exception {
        return Replay.run(
                new Replay.Inputs(
                        existing(folder.resolve("readings.jsonl")),
                        existing(folder.resolve("incidents.jsonl")),
                        existing(folder.resolve("registry.jsonl")),
                        existing(folder.resolve("actions.jsonl"))),
                JobSettings.defaults());
    }

    private static Path existing(Path file) {
        return Files.exists(file) ? file : null;
    }

    /** "rule riskPoint level [device]" for the highest level each alert reached. */
    public static Set<String> highestLevels(List<Alert> alerts) {
        Map<String, Alert> highest = new HashMap<>();
        for (Alert alert : alerts) {
            highest.merge(alert.alertId, alert, (a, b) -> a.level.compareTo(b.level) >= 0 ? a : b);
        }
        Set<String> out = new HashSet<>();
        for (Alert alert : highest.values()) {
            out.add(describe(alert.ruleId, alert.riskPointId, alert.level.name(), alert.deviceId));
        }
        return out;
    }

    public static List<String> expectedAlerts(JsonNode expected) {
        List<String> out = new ArrayList<>();
        for (JsonNode alert : expected.get("alerts")) {
            out.add(
                    describe(
                            alert.get("rule").asText(),
                            alert.get("riskPoint").asText(),
                            alert.get("level").asText(),
                            alert.has("device") ? alert.get("device").asText() : null));
        }
        return out;
    }

    private static String describe(String rule, String riskPoint, String level, String device) {
        return rule + " " + riskPoint + " " + level + (device == null ? "" : " " + device);
    }
}
