package io.citywatch.jobs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
}
