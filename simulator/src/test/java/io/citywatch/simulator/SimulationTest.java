package io.citywatch.simulator;

import io.citywatch.common.codec.ReadingCodec;
import io.citywatch.common.model.RiskPointKind;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulationTest {
    private static List<SimRecord> all(SimulatorSettings settings) {
        Simulation simulation = new Simulation(settings);
        List<SimRecord> records = new ArrayList<>();
        simulation.forEachRemaining(records::add);
        return records;
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        SimulatorSettings settings = new SimulatorSettings();
        assertThat(all(settings)).isEqualTo(all(settings));
        SimulatorSettings other = new SimulatorSettings();
        other.seed = 8;
        assertThat(all(other)).isNotEqualTo(all(settings));
    }

    @Test
    void registryFirstThenRecordsInSendOrderWithinTheOutOfOrdernessBound() {
        List<SimRecord> records = all(new SimulatorSettings());
        SimulatorSettings settings = new SimulatorSettings();
        int registry = new Simulation(settings).city().sites().size();
        assertThat(records.subList(0, registry))
                .allMatch(r -> r.stream() == SimRecord.Stream.REGISTRY);
        long maxTs = Long.MIN_VALUE;
        long late = 0;
        for (SimRecord record : records.subList(registry, records.size())) {
            if (maxTs != Long.MIN_VALUE && record.ts() < maxTs - 30_000) {
                late++;
            }
            maxTs = Math.max(maxTs, record.ts());
        }
        long expectedLate = new GroundTruthCounter(settings).deadLetters().getOrDefault("late", 0L);
        assertThat(late).isEqualTo(expectedLate).isPositive();
    }

    @Test
    void everyKindHasItsDevicesAndDistinctIds() {
        Simulation simulation = new Simulation(new SimulatorSettings());
        Set<String> ids = new HashSet<>();
        for (SimSite site : simulation.city().sites()) {
            assertThat(site.devices).isNotEmpty();
            site.devices.forEach(d -> assertThat(ids.add(d.deviceId)).as(d.deviceId).isTrue());
        }
        for (RiskPointKind kind : RiskPointKind.values()) {
            assertThat(simulation.city().sitesOf(kind)).hasSize(8);
        }
    }

    @Test
    void malformedRecordsAreRejectedForTheReasonTheGroundTruthSays() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.malformedRate = 0.05;
        long rejected =
                all(settings).stream()
                        .filter(r -> r.stream() == SimRecord.Stream.READINGS)
                        .filter(r -> !ReadingCodec.decode(r.value()).isOk())
                        .count();
        var truth = new GroundTruthCounter(settings).deadLetters();
        long expected =
                truth.entrySet().stream()
                        .filter(e -> !e.getKey().equals("late"))
                        .filter(e -> !e.getKey().equals("unknown_device"))
                        .mapToLong(e -> e.getValue())
                        .sum();
        assertThat(rejected).isEqualTo(expected).isPositive();
        assertThat(truth).containsKeys("invalid_json", "missing_field", "unknown_type");
    }

    @Test
    void badSettingsSayWhatToChange() {
        SimulatorSettings short_ = new SimulatorSettings();
        short_.duration = Duration.ofMinutes(30);
        assertThatThrownBy(() -> new Simulation(short_)).hasMessageContaining("--duration");
        SimulatorSettings small = new SimulatorSettings();
        small.riskPoints = 12;
        assertThatThrownBy(() -> new Simulation(small)).hasMessageContaining("--risk-points");
    }

    @Test
    void everyScenarioExpectsAtLeastOneAlert() {
        Simulation simulation = new Simulation(new SimulatorSettings());
        Set<String> scenarios = new HashSet<>();
        simulation.expectedAlerts().forEach(a -> scenarios.add(a.scenario()));
        assertThat(scenarios).hasSize(Scenarios.ALL.size());
    }

    /** The dead letters a whole run must give. */
    private record GroundTruthCounter(SimulatorSettings settings) {
        java.util.Map<String, Long> deadLetters() {
            return GroundTruth.of(settings).deadLetters();
        }
    }
}
