package io.citywatch.jobs.simulator;

import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.JsonLinesOutput;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated city replayed through the whole topology raises exactly the alerts of its ground
 * truth: every injected scenario is detected at its level, and its noise, duplicates and
 * out-of-order records raise nothing else. Its imperfect records are dead-lettered as promised.
 */
class SimulatedCityReplayITCase {
    @TempDir Path folder;

    @Test
    void detectsExactlyTheGroundTruth() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        GroundTruth truth = JsonLinesOutput.write(new Simulation(settings), folder);

        Replay.Result result =
                Replay.run(
                        new Replay.Inputs(
                                folder.resolve(JsonLinesOutput.READINGS),
                                folder.resolve(JsonLinesOutput.INCIDENTS),
                                folder.resolve(JsonLinesOutput.REGISTRY),
                                null),
                        JobSettings.defaults());

        GroundTruth.Comparison comparison = truth.compare(result.alerts());
        assertThat(comparison.describe()).isEmpty();
        assertThat(comparison.exact()).isTrue();
        assertThat(comparison.scenariosDetected(truth.alerts())).hasSize(settings.scenarios.size());
        Map<String, Long> deadLetters =
                result.deadLetters().stream()
                        .collect(
                                Collectors.groupingBy(
                                        (DeadLetter d) -> d.reason.name(),
                                        TreeMap::new,
                                        Collectors.counting()));
        assertThat(deadLetters).isEqualTo(truth.deadLetters());
    }
}
