package io.citywatch.jobs.rules.bridge;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.StreakHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeStructureRuleTest {
    private static final long MIN = StreakHarness.MINUTE;
    private final Site bridge =
            Events.site(
                    "rp-bridge",
                    RiskPointKind.bridge,
                    3,
                    Map.of(
                            "bridge.strain.yellow", 100.0,
                            "bridge.strain.orange", 200.0,
                            "bridge.strain.red", 300.0,
                            "bridge.vibration.yellow", 5.0));

    private final StreakHarness host = new StreakHarness(new BridgeStructureRule());

    @AfterEach
    void tearDown() throws Exception {
        host.close();
    }

    private void reading(Site site, String device, SensorType type, double value, long min)
            throws Exception {
        host.reading(site, device, type, value, min);
    }

    private void strain(double value, long min) throws Exception {
        reading(bridge, "str-1", SensorType.STRAIN, value, min);
    }

    @Test
    void theLevelIsTheHighestBandAllThreeReadingsExceedInAbsoluteValue() throws Exception {
        strain(-250, 0);
        strain(320, 1);
        host.watermark(MIN);
        assertThat(host.matches()).isEmpty();

        strain(210, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).hasSize(1);
        RuleMatch match = host.matches().get(0);
        assertThat(match.ruleId).isEqualTo(BridgeStructureRule.ID);
        assertThat(match.level).isEqualTo(AlertLevel.orange);
        assertThat(match.locationKey).isEqualTo("rp-bridge");
        assertThat(match.deviceId).as("a per-device rule").isEqualTo("str-1");
        assertThat(match.startTs).isZero();
        assertThat(match.evidence).extracting(e -> e.value).containsExactly(-250.0, 320.0, 210.0);
        assertThat(match.message).contains("strain", "orange limit 200", "(last 210 µε)");
    }

    @Test
    void reachingALimitExactlyIsNotBeyondIt() throws Exception {
        strain(100, 0);
        strain(-100, 1);
        strain(100, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).isEmpty();

        strain(100.01, 3);
        strain(100.01, 4);
        host.watermark(4 * MIN);
        assertThat(host.matches()).isEmpty();
        strain(-100.01, 5);
        host.watermark(5 * MIN);
        assertThat(host.matches()).extracting(m -> m.level).containsExactly(AlertLevel.yellow);
    }

    @Test
    void twoExceedancesAndANormalReadingAreNothing() throws Exception {
        strain(350, 0);
        strain(350, 1);
        strain(50, 2);
        strain(350, 3);
        strain(350, 4);
        host.watermark(4 * MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        // arrival 350, 350, 50; in event time 350, 50, 350
        strain(350, 0);
        strain(350, 2);
        strain(50, 1);
        host.watermark(2 * MIN);
        assertThat(host.matches()).isEmpty();

        strain(350, 4);
        strain(350, 3);
        host.watermark(4 * MIN);
        assertThat(host.matches()).extracting(m -> m.level).containsExactly(AlertLevel.red);
    }

    @Test
    void devicesAreCountedApart() throws Exception {
        reading(bridge, "str-1", SensorType.STRAIN, 350, 0);
        reading(bridge, "str-2", SensorType.STRAIN, 350, 1);
        reading(bridge, "str-1", SensorType.STRAIN, 350, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void eachTypeHasItsOwnBands() throws Exception {
        reading(bridge, "vib-1", SensorType.VIBRATION, 6, 0);
        reading(bridge, "vib-1", SensorType.VIBRATION, 6, 1);
        reading(bridge, "vib-1", SensorType.VIBRATION, 600, 2);
        reading(bridge, "dfl-1", SensorType.DEFLECTION, 1500, 0);
        reading(bridge, "dfl-1", SensorType.DEFLECTION, 1500, 1);
        reading(bridge, "dfl-1", SensorType.DEFLECTION, 1500, 2);
        host.watermark(2 * MIN);
        assertThat(host.matches())
                .as("vibration has only a yellow band; deflection has none")
                .extracting(m -> m.deviceId + " " + m.level)
                .containsExactly("vib-1 yellow");
    }

    @Test
    void aBridgeWithoutThresholdsNeverFires() throws Exception {
        Site bare = Events.site("rp-bridge-2", RiskPointKind.bridge, 1, Map.of());
        for (int min = 0; min < 5; min++) {
            reading(bare, "str-9", SensorType.STRAIN, 19000, min);
        }
        host.watermark(5 * MIN);
        assertThat(host.matches()).isEmpty();
    }

    @Test
    void takesOnlyValidStructuralReadingsOfBridges() {
        Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());
        assertThat(
                        BridgeStructureRule.isStructuralReading(
                                Events.reading(bridge, "str-1", SensorType.STRAIN, 25000, 0)))
                .as("beyond the ±20000 µε span: a sensor fault")
                .isFalse();
        assertThat(
                        BridgeStructureRule.isStructuralReading(
                                Events.reading(slope, "str-1", SensorType.STRAIN, 250, 0)))
                .isFalse();
        assertThat(
                        BridgeStructureRule.isStructuralReading(
                                Events.reading(bridge, "tmp-1", SensorType.TEMPERATURE, 25, 0)))
                .isFalse();
        assertThat(
                        BridgeStructureRule.isStructuralReading(
                                Events.reading(bridge, "dfl-1", SensorType.DEFLECTION, -25, 0)))
                .isTrue();
    }

    @Test
    void forgetsADeviceThatWentQuiet() throws Exception {
        strain(350, 0);
        host.watermark(0);
        assertThat(host.stateEntries()).isPositive();

        host.watermark(OrderedReadingsUnit.QUIET_MILLIS);
        assertThat(host.stateEntries()).isZero();
        assertThat(host.timers()).isZero();
    }
}
