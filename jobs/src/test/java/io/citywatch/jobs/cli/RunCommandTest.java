package io.citywatch.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunCommandTest {
    @TempDir Path folder;

    @Test
    void filesNamedInTheConfigAreFoundBesideIt() throws IOException {
        Files.writeString(folder.resolve("client.properties"), "client.id=citywatch-test\n");
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap-servers", "localhost:1");
        config.put("kafka.properties-file", "client.properties");
        RunCommand.Prepared prepared = RunCommand.prepare(config, folder);
        assertThat(prepared.registrySize).isZero();
        config.put("kafka.properties-file", "missing.properties");
        assertThatThrownBy(() -> RunCommand.prepare(config, folder))
                .hasMessageContaining(folder.resolve("missing.properties").toString());
    }

    @Test
    void exactlyOnceNeedsATransactionTimeoutWellAboveTheCheckpointInterval() throws IOException {
        Files.writeString(folder.resolve("client.properties"), "transaction.timeout.ms=15000\n");
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap-servers", "localhost:1");
        config.put("kafka.properties-file", "client.properties");
        config.put("alerts-delivery", "exactly-once");
        config.put("checkpoint-interval", "10s");
        assertThatThrownBy(() -> RunCommand.prepare(config, folder))
                .hasMessageContaining("at least twice checkpoint-interval");
        config.put("checkpoint-interval", "5s");
        assertThat(RunCommand.prepare(config, folder)).isNotNull();
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
