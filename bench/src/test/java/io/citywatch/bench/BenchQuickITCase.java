package io.citywatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citywatch bench --quick}: every figure runs on tiny data and lands in the JSON. */
class BenchQuickITCase {
    @TempDir Path folder;

    @Test
    void quickRunReportsEveryFigure() throws Exception {
        Path out = folder.resolve("bench.json");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code =
                BenchCommand.run(
                        List.of("--quick", "--out", out.toString()),
                        new PrintStream(console, true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toFile());
        assertThat(json.path("mode").asText()).isEqualTo("quick");
        JsonNode figures = json.path("figures");
        assertThat(figures.path("ingest_ceiling").path("per_second").asDouble()).isPositive();
        assertThat(figures.path("framework_tax").path("ratio_to_ingest").asDouble()).isPositive();
        for (String p : List.of("p1", "p2")) {
            assertThat(figures.path("full_pipeline").path(p).path("ratio_to_ingest").asDouble())
                    .isPositive();
            assertThat(figures.path("full_pipeline").path(p).path("ratio_to_framework").asDouble())
                    .isPositive();
        }
        assertThat(figures.path("full_pipeline").path("scaling_1_to_2").asDouble()).isPositive();
        assertThat(figures.path("rule_tax").path("ratio").asDouble()).isPositive();
        for (String delivery : List.of("at_least_once", "exactly_once")) {
            JsonNode latency = figures.path("latency").path(delivery);
            assertThat(latency.path("answered").asInt()).as(delivery).isPositive();
            assertThat(latency.path("p99_ms").asLong()).as(delivery).isNotNegative();
        }
        assertThat(figures.path("state_scale")).hasSize(2);
        for (JsonNode run : figures.path("state_scale")) {
            assertThat(run.path("bytes_per_device").asDouble()).isPositive();
            assertThat(run.path("settled_bytes_per_device").asDouble()).isPositive();
            // a quiet city in event-time order: no alert, nothing late
            assertThat(run.path("alerts").asLong()).isZero();
            assertThat(run.path("dead_letters").asLong()).isZero();
            assertThat(run.path("checkpoint_ms").asLong()).isNotNegative();
        }
        JsonNode sink = figures.path("sink");
        assertThat(sink.has("ratio") || sink.has("skipped")).isTrue();
        assertThat(json.path("targets").has("cores_for_350k_per_second")).isTrue();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("1 ingest ceiling");
    }
}
