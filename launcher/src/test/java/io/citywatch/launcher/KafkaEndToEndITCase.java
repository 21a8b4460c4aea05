package io.citywatch.launcher;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.model.Alert;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.simulator.GroundTruth;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Scenarios;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Kafka end to end: the simulator produces to an in-process broker, the job consumes it on a
 * MiniCluster, and the alerts and dead letters come back on their topics, each record valid against
 * the contract's schema of its topic.
 */
class KafkaEndToEndITCase {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What came back on the output topics. */
    private static final class Outputs {
        final List<Alert> alerts = new CopyOnWriteArrayList<>();
        final Map<String, Long> deadLetters = new ConcurrentHashMap<>();

        /** Records that broke their schema, with what is wrong. */
        final List<String> invalid = new CopyOnWriteArrayList<>();

        /** How many records were checked against their schema. */
        final AtomicLong validated = new AtomicLong();

        void accept(String topic, String text) {
            Record record = topic.equals(CityTopics.ALERTS) ? Record.ALERT : Record.DEAD_LETTER;
            List<String> violations = ContractSchemas.violations(record, text);
            if (!violations.isEmpty()) {
                invalid.add(topic + " " + violations + ": " + text);
            }
            validated.incrementAndGet();
            if (topic.equals(CityTopics.ALERTS)) {
                alerts.add(AlertRecords.parse(text));
            } else {
                try {
                    deadLetters.merge(JSON.readTree(text).path("reason").asText(), 1L, Long::sum);
                } catch (Exception e) {
                    throw new IllegalStateException(text, e);
                }
            }
        }
    }

    @Test
    void everyInjectedScenarioComesBackOnTheAlertsTopic() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        GroundTruth truth = GroundTruth.of(settings);
        Outputs outputs = new Outputs();
        try (LiveCity city =
                        LiveCity.start(
                                Map.of(
                                        "idleness", "2s",
                                        "checkpoint-interval", "5s",
                                        "unknown-hold", "10s"),
                                new Simulation(settings).registryLines());
                TopicFeed feed =
                        new TopicFeed(
                                city.client(),
                                List.of(CityTopics.ALERTS, CityTopics.DEADLETTER),
                                outputs::accept)) {
            long sent =
                    new KafkaOutput(city.client(), 300, 0)
                            .send(new Simulation(settings), progress -> {});
            assertThat(sent).isGreaterThan(10_000);

            waitFor(
                    Duration.ofSeconds(120),
                    () ->
                            truth.compare(outputs.alerts).missed().isEmpty()
                                    && truth.compare(outputs.alerts).wrongLevel().isEmpty()
                                    && new TreeMap<>(outputs.deadLetters)
                                            .equals(truth.deadLetters()));
            GroundTruth.Comparison comparison = truth.compare(outputs.alerts);
            assertThat(comparison.describe()).isEmpty();
            assertThat(comparison.scenariosDetected(truth.alerts())).hasSize(Scenarios.ALL.size());
            assertThat(new TreeMap<>(outputs.deadLetters)).isEqualTo(truth.deadLetters());
            // counted before validated: a record may still be arriving
            long received = outputs.alerts.size() + deadLetterCount(outputs);
            assertThat(outputs.validated.get()).isGreaterThanOrEqualTo(received).isPositive();
            assertThat(outputs.invalid).as("records against their schema").isEmpty();
        }
    }

    @Test
    void exactlyOnceAlertsAreCommittedOnceEach() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.duration = Duration.ofMinutes(35);
        settings.scenarios =
                List.of(
                        new SimulatorSettings.Planned(Scenarios.named("fire_confirmed"), 5),
                        new SimulatorSettings.Planned(Scenarios.named("gas_spread"), 10),
                        new SimulatorSettings.Planned(Scenarios.named("bridge_exceedance"), 12));
        GroundTruth truth = GroundTruth.of(settings);
        Outputs outputs = new Outputs();
        try (LiveCity city =
                        LiveCity.start(
                                Map.of(
                                        "alerts-delivery", "exactly-once",
                                        "idleness", "2s",
                                        "checkpoint-interval", "2s"),
                                new Simulation(settings).registryLines());
                TopicFeed feed =
                        new TopicFeed(city.client(), List.of(CityTopics.ALERTS), outputs::accept)) {
            new KafkaOutput(city.client(), 200, 0).send(new Simulation(settings), progress -> {});
            waitFor(Duration.ofSeconds(90), () -> truth.compare(outputs.alerts).exact());
            assertThat(truth.compare(outputs.alerts).describe()).isEmpty();
            // let a few more checkpoints commit, then nothing may have come twice
            Thread.sleep(5_000);
            Set<String> versions = new HashSet<>();
            for (Alert alert : outputs.alerts) {
                assertThat(versions.add(alert.alertId + "/" + alert.version))
                        .as("alert %s version %d seen once", alert.alertId, alert.version)
                        .isTrue();
            }
            long received = outputs.alerts.size();
            assertThat(outputs.validated.get()).isGreaterThanOrEqualTo(received).isPositive();
            assertThat(outputs.invalid).as("records against their schema").isEmpty();
        }
    }

    private static long deadLetterCount(Outputs outputs) {
        return outputs.deadLetters.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void waitFor(Duration timeout, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }
}
