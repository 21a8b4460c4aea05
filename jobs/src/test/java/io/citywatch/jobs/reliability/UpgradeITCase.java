package io.citywatch.jobs.reliability;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.HostedRule;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.testing.AlertSets;
import io.citywatch.jobs.testing.CityRun;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
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
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade: the job stops with a savepoint halfway through a simulated city; the next build (a
 * changed rule parameter, incident-match-radius, and one rule more, hosted by the device rule host
 * next to the device-health and streak rules) starts from it. Open alerts carry on with their
 * alertId and next version, and the catalogue's alerts of both builds together are those of one run
 * without upgrade.
 */
class UpgradeITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    @TempDir Path folder;

    /** Idleness and unknown-hold of these runs: what a run waits for before its tail is out. */
    private static final Duration QUIET = Duration.ofSeconds(20);

    private static final Duration CAUGHT_UP = Duration.ofMinutes(4);

    /** How far before the city's end both runs' clocks must have come before they are compared. */
    private static final Duration SETTLED_BEFORE_END = Duration.ofMinutes(5);

    @Test
    void stateAndOpenAlertsCarryOverAnUpgradeFromASavepoint(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        try (TestBroker broker = TestBroker.start()) {
            SimulatorSettings settings = new SimulatorSettings();
            List<SimRecord> records = new ArrayList<>();
            new Simulation(settings).forEachRemaining(records::add);
            List<RiskPoint> registry = KafkaJob.registryOf(records);
            // both runs are compared only once their clocks have passed this: before, a run's
            // last alert changes may still wait for its last partitions to go idle
            long settled = settings.endMs() - SETTLED_BEFORE_END.toMillis();

            // the reference: one run over everything, the first build's catalogue
            List<String> expected;
            try (CityRun reference = run(broker, cluster, "reference", registry)) {
                reference.send(records);
                reference.start();
                reference.awaitCaughtUp(QUIET, CAUGHT_UP);
                reference.awaitClockPast(settled, CAUGHT_UP);
                expected = reference.alerts();
            }

            // the upgrade: the first half, a savepoint, the next build over the rest
            try (CityRun upgrade = run(broker, cluster, "upgrade", registry)) {
                int half = records.size() / 2;
                upgrade.send(records.subList(0, half));
                upgrade.start();
                upgrade.awaitCaughtUp(Duration.ZERO, CAUGHT_UP);
                String savepoint = upgrade.stopWithSavepoint(folder.resolve("savepoints"));
                List<String> beforeUpgrade = upgrade.alerts();

                upgrade.send(records.subList(half, records.size()));
                KafkaJob v2 = upgrade.job();
                v2.savepoint = savepoint;
                v2.set("incident-match-radius", "310");
                v2.rules = new ArrayList<>(RuleCatalogue.all());
                v2.rules.add(new DeepWaterRule());
                upgrade.start();
                upgrade.awaitCaughtUp(QUIET, CAUGHT_UP);
                upgrade.awaitClockPast(settled, CAUGHT_UP);
                assertUpgrade(beforeUpgrade, upgrade.alerts(), expected);
            }
        }
    }

    private static CityRun run(
            TestBroker broker, MiniCluster cluster, String name, List<RiskPoint> registry)
            throws Exception {
        CityRun run = CityRun.create(broker, cluster, name, registry);
        run.job().set("idleness", QUIET.toSeconds() + "s");
        run.job().set("unknown-hold", QUIET.toSeconds() + "s");
        return run;
    }

    private static void assertUpgrade(
            List<String> beforeUpgrade, List<String> all, List<String> expected) {
        // the topic has several partitions: what the new build wrote is what was not there
        Set<String> before = new HashSet<>(beforeUpgrade);
        List<String> afterUpgrade = all.stream().filter(alert -> !before.contains(alert)).toList();

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
                        .filter(alert -> !KafkaJob.field(alert, "ruleId").equals(DeepWaterRule.ID))
                        .toList(),
                expected);
    }

    /**
     * The rule the next build adds to the device rule host (test-only): any river stage at or above
     * 0 m is blue. It keeps no state, so the host's state from the savepoint is the first build's,
     * now read by four units.
     */
    static final class DeepWaterRule extends HostedRule {
        static final String ID = "test.deep_water";

        DeepWaterRule() {
            super(ID);
        }

        @Override
        public DeviceRuleUnit<Void> unit(RuleSettings settings) {
            return new DeepWater();
        }
    }

    static final class DeepWater implements DeviceRuleUnit<Void> {
        @Override
        public String ruleId() {
            return DeepWaterRule.ID;
        }

        @Override
        public boolean reads(DeviceEvent event) {
            return event.isReading() && event.type == SensorType.WATER_LEVEL;
        }

        @Override
        public boolean inEventTimeOrder() {
            return false;
        }

        @Override
        public Void state(DeviceRuleState device) {
            return null;
        }

        @Override
        public void store(DeviceRuleState device, Void state) {}

        @Override
        public Void onEvent(Void state, DeviceEvent event, UnitContext context) {
            RuleMatch match =
                    RuleMatch.at(DeepWaterRule.ID, Scenario.flood, event.site, event.ts, event.ts);
            match.level = AlertLevel.blue;
            match.perDevice(event.deviceId);
            match.message = "river stage " + event.reading.value;
            context.emit(match);
            return null;
        }

        @Override
        public long due(Void state) {
            return NO_DUE;
        }

        @Override
        public Void onDue(Void state, long due, UnitContext context) {
            return null;
        }
    }
}
