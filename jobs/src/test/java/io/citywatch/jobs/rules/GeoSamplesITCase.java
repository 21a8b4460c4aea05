package io.citywatch.jobs.rules;

import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.cli.SamplesReplayITCase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Replays the geohazard samples of ../shared/samples to exactly their expected.json. */
class GeoSamplesITCase {
    @ParameterizedTest
    @ValueSource(strings = {"geo_tangent_red"})
    void replaysToExactlyTheExpectedAlerts(String sample) throws Exception {
        Path folder = SamplesReplayITCase.SAMPLES.resolve(sample);
        assertThat(folder).as("the samples of ../shared/samples").isDirectory();
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());

        Replay.Result first = SamplesReplayITCase.replay(folder);
        Replay.Result second = SamplesReplayITCase.replay(folder);

        assertThat(SamplesReplayITCase.highestLevels(first.alerts()))
                .as("alerts of %s", sample)
                .containsExactlyInAnyOrderElementsOf(SamplesReplayITCase.expectedAlerts(expected));
        int deadLetters = expected.has("deadletter") ? expected.get("deadletter").asInt() : 0;
        assertThat(first.deadLetters()).as("dead letters of %s", sample).hasSize(deadLetters);
        assertThat(second.alertLines()).isEqualTo(first.alertLines());
    }
}
