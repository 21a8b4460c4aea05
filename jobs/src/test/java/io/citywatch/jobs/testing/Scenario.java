package io.citywatch.jobs.testing;

import io.citywatch.common.model.Alert;
import io.citywatch.jobs.cli.Replay;
import io.citywatch.jobs.config.JobSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a replay scenario in code (registry, readings, incidents, actions as JSON Lines) and runs
 * it through the whole topology on a MiniCluster, like {@code citywatch replay}.
 */
public final class Scenario {
    public static final Instant T0 = Instant.parse("2026-07-14T00:00:00Z");

    private final List<String> registry = new ArrayList<>();
    private final List<String> readings = new ArrayList<>();
    private final List<String> incidents = new ArrayList<>();
    private final List<String> actions = new ArrayList<>();
    private final JobSettings settings = JobSettings.defaults();

    public static Scenario create() {
        return new Scenario();
    }

    /** A raw registry line. */
    public Scenario registry(String line) {
        registry.add(line);
        return this;
    }

    /**
     * A risk point with devices given as {@code id:type[:zone]}, reporting every {@code periodSec},
     * with thresholds given as alternating key, value.
     */
    public Scenario riskPoint(
            String id, String kind, int periodSec, List<String> devices, Object... thresholds) {
        StringBuilder json = new StringBuilder();
        json.append(
                String.format(
                        Locale.ROOT,
                        "{\"riskPointId\":\"%s\",\"kind\":\"%s\",\"name\":\"%s\",\"district\":\"Yuzhong\",\"grid\":\"g1\","
                                + "\"lat\":29.56,\"lon\":106.55,\"reportingPeriodSec\":%d,\"devices\":[",
                        id,
                        kind,
                        id.toUpperCase(Locale.ROOT),
                        periodSec));
        for (int i = 0; i < devices.size(); i++) {
            String[] parts = devices.get(i).split(":");
            json.append(i == 0 ? "" : ",")
                    .append("{\"deviceId\":\"")
                    .append(parts[0])
                    .append("\",\"type\":\"")
                    .append(parts[1])
                    .append('"');
            if (parts.length > 2) {
                json.append(",\"zone\":\"").append(parts[2]).append('"');
            }
            json.append('}');
        }
        json.append("],\"thresholds\":{");
        for (int i = 0; i < thresholds.length; i += 2) {
            json.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(thresholds[i])
                    .append("\":")
                    .append(thresholds[i + 1]);
        }
        json.append("}}");
        return registry(json.toString());
    }

    /** A reading at {@code seconds} after {@link #T0}. */
    public Scenario reading(String deviceId, String type, double value, long seconds) {
        return readingLine(
                String.format(
                        Locale.ROOT,
                        "{\"deviceId\":\"%s\",\"type\":\"%s\",\"value\":%s,\"ts\":\"%s\"}",
                        deviceId,
                        type,
                        value,
                        T0.plusSeconds(seconds)));
    }

    /** A raw readings line. */
    public Scenario readingLine(String line) {
        readings.add(line);
        return this;
    }

    /** An incident at a risk point, {@code seconds} after {@link #T0}. */
    public Scenario incident(
            String incidentId, String category, String status, String riskPointId, long seconds) {
        return incidentLine(
                String.format(
                        Locale.ROOT,
                        "{\"incidentId\":\"%s\",\"source\":\"hotline_119\",\"category\":\"%s\",\"status\":\"%s\","
                                + "\"riskPointId\":\"%s\",\"ts\":\"%s\"}",
                        incidentId,
                        category,
                        status,
                        riskPointId,
                        T0.plusSeconds(seconds)));
    }

    public Scenario incidentLine(String line) {
        incidents.add(line);
        return this;
    }

    public Scenario actionLine(String line) {
        actions.add(line);
        return this;
    }

    public JobSettings settings() {
        return settings;
    }

    public Replay.Result run() {
        try {
            Path folder = Files.createTempDirectory("citywatch-scenario");
            try {
                return Replay.run(
                        new Replay.Inputs(
                                write(folder, "readings.jsonl", readings),
                                write(folder, "incidents.jsonl", incidents),
                                write(folder, "registry.jsonl", registry),
                                write(folder, "actions.jsonl", actions)),
                        settings);
            } finally {
                try (var files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("replay failed", e);
        }
    }

    /** The highest level each alert of a rule reached, keyed by "riskPoint[/device]". */
    public static Map<String, String> highestLevels(Replay.Result result, String ruleId) {
        Map<String, String> levels = new LinkedHashMap<>();
        for (Alert alert : result.alerts()) {
            if (!alert.ruleId.equals(ruleId)) {
                continue;
            }
            String key = alert.riskPointId + (alert.deviceId == null ? "" : "/" + alert.deviceId);
            levels.merge(key, alert.level.name(), (a, b) -> rank(a) >= rank(b) ? a : b);
        }
        return levels;
    }

    private static int rank(String level) {
        return List.of("blue", "yellow", "orange", "red").indexOf(level);
    }

    private static Path write(Path folder, String name, List<String> lines) throws IOException {
        return Files.write(folder.resolve(name), lines, StandardCharsets.UTF_8);
    }
}
