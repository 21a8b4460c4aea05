package io.citywatch.launcher;

import io.citywatch.common.model.Alert;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.simulator.KafkaOutput;
import io.citywatch.simulator.Scenarios;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live job with a single incident and nothing more on the incidents topic: its unacknowledged
 * timers still come due, because incident time follows the readings' clock.
 */
class QuietIncidentsITCase {
    @Test
    void anIncidentNobodyAnswersEscalatesWhileNoOtherIncidentArrives() throws Exception {
        SimulatorSettings settings = new SimulatorSettings();
        settings.routineIncidents = false;
        settings.malformedRate = 0;
        settings.lateRate = 0;
        settings.duration = Duration.ofMinutes(45);
        settings.scenarios =
                List.of(
                        new SimulatorSettings.Planned(
                                Scenarios.named("incident_unacknowledged"), 5));
        List<Alert> alerts = new CopyOnWriteArrayList<>();
        try (LiveCity city =
                        LiveCity.start(
                                Map.of("idleness", "2s", "checkpoint-interval", "5s"),
                                new Simulation(settings).registryLines());
                TopicFeed feed =
                        new TopicFeed(
                                city.client(),
                                List.of(CityTopics.ALERTS),
                                (topic, text) -> alerts.add(AlertRecords.parse(text)))) {
            new KafkaOutput(city.client(), 300, 0).send(new Simulation(settings), p -> {});
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline && !orangeUnacknowledged(alerts)) {
                Thread.sleep(500);
            }
            assertThat(orangeUnacknowledged(alerts)).as("alerts: %s", alerts).isTrue();
        }
    }

    private static boolean orangeUnacknowledged(List<Alert> alerts) {
        return alerts.stream()
                .anyMatch(
                        a ->
                                a.ruleId.equals("incident.unacknowledged")
                                        && a.level.name().equals("orange"));
    }
}
