package io.citywatch.jobs.cli;

import io.citywatch.jobs.testing.InfluxServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every scenario into one InfluxDB 1.x database, then runs every query of every provisioned
 * dashboard (panel targets and template variables, with Grafana's macros filled in) and asserts
 * that each returns data.
 */
class GrafanaDashboardsITCase {
    static final Path GRAFANA =
            Path.of(System.getProperty("citywatch.grafana", "../deploy/grafana"));
    static final String TIME_FILTER =
            "time >= '2026-07-13T00:00:00Z' AND time <= '2026-07-16T00:00:00Z'";

    @TempDir Path folder;

    @Test
    void everyPanelQueryReturnsData() throws Exception {
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(dashboards)
                .extracting(f -> f.getFileName().toString())
                .containsExactly(
                        "alert-feed.json",
                        "device-health.json",
                        "district-overview.json",
                        "one-map.json",
                        "pipeline-health.json");
        assertThat(GRAFANA.resolve("provisioning/datasources/citywatch-influxdb.yaml")).exists();

        try (InfluxServer influx = InfluxServer.start(folder.resolve("influx"))) {
            influx.execute("CREATE DATABASE citywatch");
            List<String> samples = SamplesReplayITCase.scenarios();
            for (String sample : samples) {
                InfluxReplays.replay(influx, sample, "citywatch", folder, "--device-aggregates");
            }

            ObjectMapper json = new ObjectMapper();
            List<String> empty = new ArrayList<>();
            int queries = 0;
            for (Path file : dashboards) {
                JsonNode dashboard = json.readTree(file.toFile());
                for (JsonNode variable : dashboard.path("templating").path("list")) {
                    queries++;
                    check(
                            influx,
                            file,
                            variable.path("name").asText(),
                            variable.path("query").asText(),
                            empty);
                }
                for (JsonNode panel : dashboard.path("panels")) {
                    assertThat(panel.path("datasource").path("uid").asText())
                            .isEqualTo("citywatch-influx");
                    for (JsonNode target : panel.path("targets")) {
                        queries++;
                        check(
                                influx,
                                file,
                                panel.path("title").asText(),
                                target.path("query").asText(),
                                empty);
                    }
                }
            }
            assertThat(queries).isGreaterThanOrEqualTo(20);
            assertThat(empty).as("queries without data").isEmpty();
        }
    }

    private static void check(
            InfluxServer influx, Path file, String title, String query, List<String> empty)
            throws Exception {
        String influxQl =
                query.replace("$timeFilter", TIME_FILTER)
                        .replace("$__interval", "1m")
                        .replace("$district", ".*");
        if (influx.query("citywatch", influxQl).isEmpty()) {
            empty.add(file.getFileName() + " / " + title + ": " + influxQl);
        }
    }
}
