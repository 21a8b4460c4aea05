package io.citywatch.jobs.rules;

import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.cli.SamplesReplayITCase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the fire-pump and gas-spread samples of ../shared/samples and checks exactly the alerts
 * and dead-letter counts of their expected.json.
 */
class FireGasSamplesITCase {
    @ParameterizedTest
    @ValueSource(strings = {"fire_pump_failed", "gas_spread"})
    void replaysToExactlyTheExpectedAlerts(String sample) throws Exception {
        Path folder = SamplesReplayITCase.SAMPLES.resolve(sample);
        assertThat(folder).as("the samples of ../shared/samples").isDirectory();
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());

        Replay.Result result = SamplesReplayITCase.replay(folder);

        assertThat(SamplesReplayITCase.highestLevels(result.alerts()))
                .as("alerts of %s", sample)
                .containsExactlyInAnyOrderElementsOf(SamplesReplayITCase.expectedAlerts(expected));
        int deadLetters = expected.has("deadletter") ? expected.get("deadletter").asInt() : 0;
        assertThat(result.deadLetters()).as("dead letters of %s", sample).hasSize(deadLetters);
    }
}
