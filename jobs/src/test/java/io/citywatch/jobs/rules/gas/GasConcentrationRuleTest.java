package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.rules.streak.Streak;
import io.citywatch.jobs.rules.streak.StreakUnit;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.StreakHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GasConcentrationRuleTest {
    private static final long MIN = StreakHarness.MINUTE;
    private final Site main = Events.site("rp-gas", RiskPointKind.gas_network, 3, Map.of());

    private final StreakHarness host = new StreakHarness(new GasConcentrationRule());

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    private void methane(Site site, String device, double value, long min) throws Exception {
        host.reading(site, device, SensorType.METHANE, value, min);
    }

    private void methane(String device, double value, long min) throws Exception {
        methane(main, device, value, min);
    }

    @Test
    void twoReadingsInARowAtTheAlarmLevelAreOrange() throws Exception {
        methane("ch4-1", 20.0, 0);
        host.watermark(0);
        assertThat(host.matches()).isEmpty();

        methane("ch4-1", 20.0, 1);
        host.watermark(MIN);
        assertThat(host.matches()).hasSize(1);
        RuleMatch match = host.matches().get(0);
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
        host.watermark(MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void justBelowTheAlarmLevelIsNothing() throws Exception {
        methane("ch4-1", 19.99, 0);
        methane("ch4-1", 20.0, 1);
        methane("ch4-1", 19.99, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void oneReadingAtTheHighAlarmLevelIsRedAndJustBelowIsNot() throws Exception {
        methane("ch4-1", 49.99, 0);
        host.watermark(0);
        assertThat(host.matches()).isEmpty();

        methane("ch4-2", 50.0, 1);
        host.watermark(MIN);
        assertThat(host.matches()).extracting(m -> m.level).containsExactly(AlertLevel.red);
    }

    @Test
    void aHighReadingAlsoCountsTowardTheOrangeStreak() throws Exception {
        methane("ch4-1", 49.0, 0);
        methane("ch4-1", 55.0, 1);
        methane("ch4-1", 30.0, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches())
                .extracting(m -> m.level)
                .containsExactly(AlertLevel.red, AlertLevel.orange);
    }

    @Test
    void readingsOfTwoDevicesDoNotMakeAStreak() throws Exception {
        methane("ch4-1", 25.0, 0);
        methane("ch4-2", 25.0, 1);
        methane("ch4-1", 1.0, 2);
        methane("ch4-2", 1.0, 3);
        host.watermark(3 * MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        // arrival 25, 25, 1; in event time 25, 1, 25
        methane("ch4-1", 25.0, 0);
        methane("ch4-1", 25.0, 2);
        methane("ch4-1", 1.0, 1);
        host.watermark(2 * MIN);
        assertThat(host.matches()).isEmpty();

        // arrival 25 (minute 4), 25 (minute 3): in event time a streak 2, 3, 4
        methane("ch4-1", 25.0, 4);
        methane("ch4-1", 25.0, 3);
        host.watermark(4 * MIN);
        assertThat(host.matches()).extracting(m -> m.detectTs).containsExactly(3 * MIN, 4 * MIN);
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
        host.watermark(2 * MIN);
        assertThat(host.matches())
                .extracting(m -> m.level)
                .containsExactly(AlertLevel.orange, AlertLevel.red);
    }

    @Test
    void aRiskPointsAlarmLevelReachesTheHostedRule() throws Exception {
        Site lenient =
                Events.site("rp-gas", RiskPointKind.gas_network, 3, Map.of("gas.alarm", 30.0));
        methane(lenient, "ch4-1", 25.0, 0);
        methane(lenient, "ch4-1", 25.0, 1);
        host.watermark(MIN);
        assertThat(host.matches()).as("at the default 20 %LEL this pair would be orange").isEmpty();

        methane(lenient, "ch4-1", 31.0, 2);
        methane(lenient, "ch4-1", 31.0, 3);
        host.watermark(3 * MIN);
        assertThat(host.matches())
                .singleElement()
                .satisfies(
                        match -> {
                            assertThat(match.level).isEqualTo(AlertLevel.orange);
                            assertThat(match.message).contains("at or above 30 %LEL");
                        });
    }

    @Test
    void aReadingBelowEveryLevelCostsTheDeviceNothing() {
        StreakUnit unit = new GasConcentrationRule().unit(RuleSettings.defaults());
        RecordingContext context = new RecordingContext();
        DeviceEvent healthy = Events.reading(main, "ch4-1", SensorType.METHANE, 5.0, 0);
        assertThat(unit.onEvent(null, healthy, context)).isNull();

        DeviceEvent high = Events.reading(main, "ch4-1", SensorType.METHANE, 25.0, MIN);
        Streak counted = unit.onEvent(null, high, context);
        assertThat(counted.grades).containsExactly(AlertLevel.orange.ordinal() + 1);
        assertThat(unit.due(counted)).isEqualTo(MIN + OrderedReadingsUnit.QUIET_MILLIS);

        DeviceEvent healthyAgain = Events.reading(main, "ch4-1", SensorType.METHANE, 5.0, 2 * MIN);
        assertThat(unit.onEvent(counted, healthyAgain, context)).isNull();
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
        host.watermark(0);
        assertThat(host.stateEntries()).isZero();
        assertThat(host.timers()).isZero();

        methane("ch4-1", 20.0, 1);
        methane("ch4-1", 2.0, 2);
        methane("ch4-1", 20.0, 3);
        host.watermark(3 * MIN);
        assertThat(host.matches()).as("the quiet reading broke the pair").isEmpty();
        methane("ch4-1", 20.0, 4);
        host.watermark(4 * MIN);
        assertThat(host.matches()).extracting(m -> m.level).containsExactly(AlertLevel.orange);
        methane("ch4-1", 2.0, 5);
        host.watermark(5 * MIN);
        assertThat(host.stateEntries()).isZero();
        assertThat(host.timers()).isZero();
    }

    @Test
    void forgetsADeviceThatWentQuiet() throws Exception {
        methane("ch4-1", 25.0, 0);
        host.watermark(0);
        assertThat(host.stateEntries()).isPositive();

        host.watermark(OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(host.stateEntries()).isZero();
        assertThat(host.timers()).isZero();
    }
}
