package io.citywatch.jobs.cli;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.contract.Repository;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.testing.TestMiniCluster;

import org.apache.flink.test.junit5.MiniClusterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every scenario of the repository's scenarios/ folder on one shared MiniCluster: the
 * alerts and dead letters of its expected.json, and every record written valid against the
 * contract's schemas (the CAP messages against the OASIS CAP 1.2 schema). The contract's examples
 * are replayed twice and must give the same bytes.
 */
public class SamplesReplayITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    /** The team's contract examples: the project keeps them among its scenarios, unchanged. */
    static final List<String> CONTRACT_EXAMPLES =
            List.of(
                    "fire_two_detectors",
                    "fire_pump_failed",
                    "flood_cuntan_2020",
                    "geo_tangent_red",
                    "gas_spread",
                    "device_offline",
                    "bad_input");

    static List<String> scenarios() {
        return Repository.scenarios().stream().map(d -> d.getFileName().toString()).toList();
    }

    /** The folder of one scenario of this repository. */
    public static Path scenario(String name) {
        return Repository.file("scenarios").resolve(name);
    }

    @Test
    void theScenariosIncludeTheContractExamples() {
        assertThat(scenarios()).containsAll(CONTRACT_EXAMPLES).hasSizeGreaterThan(10);
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void replaysToExactlyTheExpectedAlertsAndDeadLetters(String name) throws Exception {
        Path folder = scenario(name);
        JsonNode expected = new ObjectMapper().readTree(folder.resolve("expected.json").toFile());

        Replay.Result first = replay(folder);

        assertThat(highestLevels(first.alerts()))
                .as("alerts of %s", name)
                .containsExactlyInAnyOrderElementsOf(expectedAlerts(expected));
        int deadLetters = expected.has("deadletter") ? expected.get("deadletter").asInt() : 0;
        assertThat(first.deadLetters()).as("dead letters of %s", name).hasSize(deadLetters);
        if (expected.has("deadletterReasons")) {
            Map<String, Integer> reasons = new TreeMap<>();
            expected.get("deadletterReasons")
                    .fields()
                    .forEachRemaining(e -> reasons.put(e.getKey(), e.getValue().asInt()));
            assertThat(reasonCounts(first.deadLetters()))
                    .as("dead letters of %s by reason", name)
                    .isEqualTo(reasons);
        }

        if (CONTRACT_EXAMPLES.contains(name)) {
            Replay.Result second = replay(folder);
            assertThat(second.alertLines()).isEqualTo(first.alertLines());
            assertThat(second.deadLetterLines()).isEqualTo(first.deadLetterLines());
            assertThat(second.capLines()).isEqualTo(first.capLines());
        }

        for (String line : first.alertLines()) {
            assertThat(ContractSchemas.violations(Record.ALERT, line)).as(line).isEmpty();
        }
        for (String line : first.deadLetterLines()) {
            assertThat(ContractSchemas.violations(Record.DEAD_LETTER, line)).as(line).isEmpty();
        }
        // one CAP message per change of an alert of the feed's scenarios (all but device)
        assertThat(first.capMessages())
                .as("CAP messages of %s", name)
                .hasSize(
                        (int)
                                first.alerts().stream()
                                        .filter(alert -> alert.scenario != Scenario.device)
                                        .count());
        for (String xml : first.capLines()) {
            assertThat(ContractSchemas.capViolations(xml)).as(xml).isEmpty();
        }
    }

    private static Map<String, Integer> reasonCounts(List<DeadLetter> letters) {
        Map<String, Integer> counts = new TreeMap<>();
        for (DeadLetter letter : letters) {
            counts.merge(letter.reason.name(), 1, Integer::sum);
        }
        return counts;
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
