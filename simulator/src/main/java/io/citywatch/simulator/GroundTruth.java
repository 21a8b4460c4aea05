package io.citywatch.simulator;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.time.EventTimes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulation must make the job say: the alerts of its injected scenarios and the dead
 * letters of its imperfect input. Written beside the simulator's output as {@code
 * expected-alerts.jsonl} and {@code expected-deadletters.json}; compared with the job's alerts by
 * episode (rule, risk point, device) and highest level.
 */
public final class GroundTruth {
    public static final String ALERTS_FILE = "expected-alerts.jsonl";
    public static final String DEAD_LETTERS_FILE = "expected-deadletters.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ExpectedAlert> alerts;
    private final Map<String, Long> deadLetters;

    public GroundTruth(List<ExpectedAlert> alerts, Map<String, Long> deadLetters) {
        this.alerts = List.copyOf(alerts);
        this.deadLetters = new TreeMap<>(deadLetters);
    }

    /** The ground truth of a whole simulation, from a dry run of its generator. */
    public static GroundTruth of(SimulatorSettings settings) {
        Simulation dry = new Simulation(settings);
        while (dry.hasNext()) {
            dry.next();
        }
        return new GroundTruth(dry.expectedAlerts(), dry.expectedDeadLetters());
    }

    public List<ExpectedAlert> alerts() {
        return alerts;
    }

    public Map<String, Long> deadLetters() {
        return deadLetters;
    }

    public void write(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        for (ExpectedAlert alert : alerts) {
            ObjectNode json = JSON.createObjectNode();
            json.put("scenario", alert.scenario());
            json.put("family", alert.family());
            json.put("ruleId", alert.ruleId());
            json.put("riskPointId", alert.riskPointId());
            if (alert.deviceId() != null) {
                json.put("deviceId", alert.deviceId());
            }
            json.put("level", alert.level().name());
            json.put("fromTs", EventTimes.format(alert.fromTs()));
            lines.add(json.toString());
        }
        Files.write(folder.resolve(ALERTS_FILE), lines, StandardCharsets.UTF_8);
        Files.writeString(
                folder.resolve(DEAD_LETTERS_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(deadLetters) + "\n");
    }

    public static GroundTruth read(Path folder) throws IOException {
        List<ExpectedAlert> alerts = new ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve(ALERTS_FILE))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode json = JSON.readTree(line);
            alerts.add(
                    new ExpectedAlert(
                            json.get("scenario").asText(),
                            json.get("family").asText(),
                            json.get("ruleId").asText(),
                            json.get("riskPointId").asText(),
                            json.hasNonNull("deviceId") ? json.get("deviceId").asText() : null,
                            AlertLevel.valueOf(json.get("level").asText()),
                            EventTimes.parseIso(json.get("fromTs").asText())));
        }
        Map<String, Long> deadLetters = new TreeMap<>();
        JSON.readTree(folder.resolve(DEAD_LETTERS_FILE).toFile())
                .fields()
                .forEachRemaining(e -> deadLetters.put(e.getKey(), e.getValue().asLong()));
        return new GroundTruth(alerts, deadLetters);
    }

    /** The comparison of the job's alerts with the ground truth. */
    public record Comparison(
            List<ExpectedAlert> detected,
            List<ExpectedAlert> missed,
            List<ExpectedAlert> wrongLevel,
            List<String> unexpected,
            Map<String, AlertLevel> highestLevels) {

        public boolean exact() {
            return missed.isEmpty() && wrongLevel.isEmpty() && unexpected.isEmpty();
        }

        /** Scenarios whose every expected alert was raised at its level. */
        public List<String> scenariosDetected(List<ExpectedAlert> all) {
            Map<String, Boolean> byScenario = new LinkedHashMap<>();
            for (ExpectedAlert alert : all) {
                boolean ok = detected.contains(alert);
                byScenario.merge(alert.scenario(), ok, Boolean::logicalAnd);
            }
            return byScenario.entrySet().stream()
                    .filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey)
                    .toList();
        }

        public String describe() {
            StringBuilder out = new StringBuilder();
            for (ExpectedAlert alert : missed) {
                out.append("missed ").append(alert).append('\n');
            }
            for (ExpectedAlert alert : wrongLevel) {
                out.append("wrong level ")
                        .append(highestLevels.get(alert.key()))
                        .append(" for ")
                        .append(alert)
                        .append('\n');
            }
            for (String key : unexpected) {
                out.append("unexpected ")
                        .append(key)
                        .append(' ')
                        .append(highestLevels.get(key))
                        .append('\n');
            }
            return out.toString();
        }
    }

    /** Compares alert changes (any statuses, any versions) with the expected alerts. */
    public Comparison compare(Iterable<Alert> changes) {
        Map<String, AlertLevel> highest = new TreeMap<>();
        for (Alert alert : changes) {
            highest.merge(
                    ExpectedAlert.key(alert.ruleId, alert.riskPointId, alert.deviceId),
                    alert.level,
                    (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        List<ExpectedAlert> detected = new ArrayList<>();
        List<ExpectedAlert> missed = new ArrayList<>();
        List<ExpectedAlert> wrongLevel = new ArrayList<>();
        for (ExpectedAlert expected : alerts) {
            AlertLevel level = highest.get(expected.key());
            if (level == null) {
                missed.add(expected);
            } else if (level != expected.level()) {
                wrongLevel.add(expected);
            } else {
                detected.add(expected);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : highest.keySet()) {
            if (alerts.stream().noneMatch(a -> a.key().equals(key))) {
                unexpected.add(key);
            }
        }
        return new Comparison(detected, missed, wrongLevel, unexpected, highest);
    }
}
