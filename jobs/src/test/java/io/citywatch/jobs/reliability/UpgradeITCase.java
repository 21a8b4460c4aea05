package io.citywatch.jobs.reliability;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.testing.AlertSets;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade: the job stops with a savepoint halfway through a simulated city; the next build (a
 * changed rule parameter, incident-match-radius, and one rule more) starts from it. Open alerts
 * carry on with their alertId and next version, and the catalogue's alerts of both builds together
 * are those of one run without upgrade.
 */
class UpgradeITCase {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @TempDir Path folder;

    @Test
    void stateAndOpenAlertsCarryOverAnUpgradeFromASavepoint() throws Exception {
        try (TestBroker broker = TestBroker.start().withCityTopics()) {
            SimulatorSettings settings = new SimulatorSettings();
            List<SimRecord> records = new ArrayList<>();
            new Simulation(settings).forEachRemaining(records::add);
            List<RiskPoint> registry = KafkaJob.registryOf(records);

            // the reference: one run over everything, the first build's catalogue
            broker.send(records);
            broker.createTopics(CityTopics.ALERTS, "alerts.reference");
            broker.createTopics(CityTopics.DEADLETTER, "deadletter.reference");
            KafkaJob reference =
                    new KafkaJob(broker, "citywatch-reference")
                            .set("topic.alerts", "alerts.reference")
                            .set("topic.deadletter", "deadletter.reference");
            reference.registry = registry;
            reference.bounded = false; // as the restored build, which cannot be bounded
            runUntilRead(broker, reference, "citywatch-reference", "").cancel().get();
            List<String> expected = broker.readValues("alerts.reference", false);

            // the upgrade reads its own topics: the first half, then the rest
            String suffix = ".upgrade";
            for (String input :
                    List.of(CityTopics.READINGS, CityTopics.INCIDENTS, CityTopics.REGISTRY)) {
                broker.createTopics(input, input + suffix);
            }
            broker.createTopics(CityTopics.ALERTS, "alerts.upgrade");
            broker.createTopics(CityTopics.DEADLETTER, "deadletter.upgrade");
            int half = records.size() / 2;
            broker.send(records.subList(0, half), suffix);

            KafkaJob v1 = upgradeJob(broker, registry);
            v1.bounded = false;
            JobClient first = runUntilRead(broker, v1, "citywatch-upgrade", suffix);
            String savepoint =
                    first.stopWithSavepoint(
                                    false,
                                    folder.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(3, TimeUnit.MINUTES);
            List<String> beforeUpgrade = broker.readValues("alerts.upgrade", false);

            broker.send(records.subList(half, records.size()), suffix);
            KafkaJob v2 = upgradeJob(broker, registry);
            v2.savepoint = savepoint;
            v2.set("incident-match-radius", "310");
            v2.rules = new ArrayList<>(RuleCatalogue.all());
            v2.rules.add(new DeepWaterRule());
            v2.bounded = false; // a restored Kafka split keeps the stopping offset it had: none
            runUntilRead(broker, v2, "citywatch-upgrade", suffix).cancel().get();
            List<String> all = broker.readValues("alerts.upgrade", false);
            // the topic has several partitions: what the new build wrote is what was not there
            Set<String> before = new HashSet<>(beforeUpgrade);
            List<String> afterUpgrade =
                    all.stream().filter(alert -> !before.contains(alert)).toList();

            assertThat(beforeUpgrade).isNotEmpty();
            assertThat(afterUpgrade)
                    .anySatisfy(
                            alert ->
                                    assertThat(KafkaJob.field(alert, "ruleId"))
                                            .isEqualTo(DeepWaterRule.ID));
            Set<String> openedBefore =
                    beforeUpgrade.stream()
                            .map(alert -> KafkaJob.field(alert, "alertId"))
                            .collect(Collectors.toSet());
            // open alerts carry over: the new build continues their versions
            assertThat(afterUpgrade)
                    .filteredOn(alert -> openedBefore.contains(KafkaJob.field(alert, "alertId")))
                    .isNotEmpty()
                    .allSatisfy(
                            alert ->
                                    assertThat(Integer.parseInt(KafkaJob.field(alert, "version")))
                                            .isGreaterThan(1));
            assertThat(
                            afterUpgrade.stream()
                                    .map(KafkaJob::alertKey)
                                    .filter(
                                            beforeUpgrade.stream()
                                                            .map(KafkaJob::alertKey)
                                                            .collect(Collectors.toSet())
                                                    ::contains))
                    .as("(alertId, version) written again after the upgrade")
                    .isEmpty();
            // both builds are live jobs: as far as two live runs agree (AlertSets)
            AlertSets.assertSame(
                    all.stream()
                            .filter(
                                    alert ->
                                            !KafkaJob.field(alert, "ruleId")
                                                    .equals(DeepWaterRule.ID))
                            .toList(),
                    expected);
        }
    }

    /**
     * Starts the (unbounded) job and returns once it has read its inputs to their end and
     * checkpointed that: everything the input causes up to the watermark has been written.
     */
    private static JobClient runUntilRead(
            TestBroker broker, KafkaJob job, String group, String suffix) throws Exception {
        JobClient client = job.start(group);
        for (String input : List.of(CityTopics.READINGS, CityTopics.INCIDENTS)) {
            broker.awaitCommittedToEnd(group, input + suffix, Duration.ofMinutes(4));
        }
        return client;
    }

    private static KafkaJob upgradeJob(TestBroker broker, List<RiskPoint> registry) {
        KafkaJob job =
                new KafkaJob(broker, "citywatch-upgrade")
                        .set("topic.readings", CityTopics.READINGS + ".upgrade")
                        .set("topic.incidents", CityTopics.INCIDENTS + ".upgrade")
                        .set("topic.registry", CityTopics.REGISTRY + ".upgrade")
                        .set("topic.alerts", "alerts.upgrade")
                        .set("topic.deadletter", "deadletter.upgrade");
        job.registry = registry;
        return job;
    }

    /** The rule the next build adds (test-only): any river stage at or above 0 m is blue. */
    static final class DeepWaterRule implements Rule {
        static final String ID = "test.deep_water";

        @Override
        public String id() {
            return ID;
        }

        @Override
        public DataStream<RuleMatch> matches(RuleInputs inputs) {
            return inputs.deviceEvents()
                    .filter(event -> event.isReading() && event.type == SensorType.WATER_LEVEL)
                    .uid(ID + ".filter")
                    .name(ID + ": river stages")
                    .map(DeepWaterRule::match)
                    .returns(TypeInformation.of(RuleMatch.class))
                    .uid(ID + ".match")
                    .name(ID + ": match");
        }

        static RuleMatch match(DeviceEvent event) {
            RuleMatch match = RuleMatch.at(ID, Scenario.flood, event.site, event.ts, event.ts);
            match.level = AlertLevel.blue;
            match.perDevice(event.deviceId);
            match.message = "river stage " + event.reading.value;
            return match;
        }
    }
}
