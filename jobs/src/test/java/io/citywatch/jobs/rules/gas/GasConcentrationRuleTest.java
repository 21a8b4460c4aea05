package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.streak.ReadingStreaks;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.StreakHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GasConcentrationRuleTest {
    private static final long MIN = 60_000;
    private final Site main = Events.site("rp-gas", RiskPointKind.gas_network, 3, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = StreakHarness.of(new GasConcentrationRule.Grading());
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void methane(Site site, String device, double value, long min) throws Exception {
        harness.processElement(
                Events.reading(site, device, SensorType.METHANE, value, min * MIN), min * MIN);
    }

    private void methane(String device, double value, long min) throws Exception {
        methane(main, device, value, min);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void twoReadingsInARowAtTheAlarmLevelAreOrange() throws Exception {
        methane("ch4-1", 20.0, 0);
        harness.processWatermark(0);
        assertThat(matches()).isEmpty();

        methane("ch4-1", 20.0, 1);
        harness.processWatermark(MIN);
        assertThat(matches()).hasSize(1);
        RuleMatch match = matches().get(0);
        assertThat(match.ruleId).isEqualTo(GasConcentrationRule.ID);
        assertThat(match.level).isEqualTo(AlertLevel.orange);
        assertThat(match.locationKey).isEqualTo("rp-gas");
        assertThat(match.deviceId).as("episodes are per risk point").isNull();
        assertThat(match.startTs).isZero();
        assertThat(match.evidence).hasSize(2);
        assertThat(match.message).contains("Methane 20.0 %LEL", "2 reading(s)");
    }

    @Test
    void aReadingSentTwiceIsOneReadingNotTwoInARow() throws Exception {
        methane("ch4-1", 25.0, 0);
        methane("ch4-1", 25.0, 0);
        harness.processWatermark(MIN);
        assertThat(matches()).isEmpty();
    }

    @Test
    void justBelowTheAlarmLevelIsNothing() throws Exception {
        methane("ch4-1", 19.99, 0);
        methane("ch4-1", 20.0, 1);
        methane("ch4-1", 19.99, 2);
        harness.processWatermark(2 * MIN);
        assertThat(matches()).isEmpty();
    }

    @Test
    void oneReadingAtTheHighAlarmLevelIsRedAndJustBelowIsNot() throws Exception {
        methane("ch4-1", 49.99, 0);
        harness.processWatermark(0);
        assertThat(matches()).isEmpty();

        methane("ch4-2", 50.0, 1);
        harness.processWatermark(MIN);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.red);
    }

    @Test
    void aHighReadingAlsoCountsTowardTheOrangeStreak() throws Exception {
        methane("ch4-1", 49.0, 0);
        methane("ch4-1", 55.0, 1);
        methane("ch4-1", 30.0, 2);
        harness.processWatermark(2 * MIN);
        assertThat(matches())
                .extracting(m -> m.level)
                .containsExactly(AlertLevel.red, AlertLevel.orange);
    }

    @Test
    void readingsOfTwoDevicesDoNotMakeAStreak() throws Exception {
        methane("ch4-1", 25.0, 0);
        methane("ch4-2", 25.0, 1);
        methane("ch4-1", 1.0, 2);
        methane("ch4-2", 1.0, 3);
        harness.processWatermark(3 * MIN);
        assertThat(matches()).isEmpty();
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        // arrival 25, 25, 1; in event time 25, 1, 25
        methane("ch4-1", 25.0, 0);
        methane("ch4-1", 25.0, 2);
        methane("ch4-1", 1.0, 1);
        harness.processWatermark(2 * MIN);
        assertThat(matches()).isEmpty();

        // arrival 25 (minute 4), 25 (minute 3): in event time a streak 2, 3, 4
        methane("ch4-1", 25.0, 4);
        methane("ch4-1", 25.0, 3);
        harness.processWatermark(4 * MIN);
        assertThat(matches()).extracting(m -> m.detectTs).containsExactly(3 * MIN, 4 * MIN);
    }

    @Test
    void riskPointOverridesMoveBothLevels() throws Exception {
        Site tuned =
                Events.site(
                        "rp-gas",
                        RiskPointKind.gas_network,
                        3,
                        Map.of("gas.alarm", 10.0, "gas.highAlarm", 30.0));
        methane(tuned, "ch4-1", 12.0, 0);
        methane(tuned, "ch4-1", 12.0, 1);
        methane(tuned, "ch4-1", 30.0, 2);
        harness.processWatermark(2 * MIN);
        assertThat(matches())
                .extracting(m -> m.level)
                .containsExactly(AlertLevel.orange, AlertLevel.red);
    }

    @Test
    void takesOnlyValidMethaneOfGasNetworks() {
        Site bridge = Events.site("rp-bridge", RiskPointKind.bridge, 1, Map.of());
        assertThat(
                        Methane.isGasNetworkMethane(
                                Events.reading(main, "ch4-1", SensorType.METHANE, 120, 0)))
                .as("beyond the 0-100 %LEL span: a sensor fault")
                .isFalse();
        assertThat(
                        Methane.isGasNetworkMethane(
                                Events.reading(bridge, "ch4-1", SensorType.METHANE, 60, 0)))
                .isFalse();
        assertThat(
                        Methane.isGasNetworkMethane(
                                Events.reading(main, "ch4-1", SensorType.METHANE, 60, 0)))
                .isTrue();
    }

    @Test
    void aReadingBelowEveryLevelEndsTheStreakAndAQuietDeviceKeepsNothing() throws Exception {
        methane("ch4-1", 2.0, 0);
        harness.processWatermark(0);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();

        methane("ch4-1", 20.0, 1);
        methane("ch4-1", 2.0, 2);
        methane("ch4-1", 20.0, 3);
        harness.processWatermark(3 * MIN);
        assertThat(matches()).as("the quiet reading broke the pair").isEmpty();
        methane("ch4-1", 20.0, 4);
        harness.processWatermark(4 * MIN);
        assertThat(matches()).extracting(m -> m.level).containsExactly(AlertLevel.orange);
        methane("ch4-1", 2.0, 5);
        harness.processWatermark(5 * MIN);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void forgetsADeviceThatWentQuiet() throws Exception {
        methane("ch4-1", 25.0, 0);
        harness.processWatermark(0);
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(ReadingStreaks.QUIET_MILLIS);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
