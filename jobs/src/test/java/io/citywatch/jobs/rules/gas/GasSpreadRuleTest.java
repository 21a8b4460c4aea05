package io.citywatch.jobs.rules.gas;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.cep.WindowEndTicks;
import io.citywatch.jobs.testing.CepHarness;
import io.citywatch.jobs.testing.Events;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GasSpreadRuleTest {
    private static final long MIN = 60_000;
    private final Site main = Events.site("rp-gas", RiskPointKind.gas_network, 3, Map.of());

    private CepHarness<DeviceEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                CepHarness.of(
                        WindowEndTicks.ofDeviceEvents(GasSpreadRule.CEP_WITHIN, event -> true),
                        GasSpreadRule.pattern(),
                        null,
                        new GasSpreadRule.Spread(RuleSettings.defaults()));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    /** As the job feeds the pattern: only alarm readings get through the rule's filter. */
    private void methane(Site site, String device, double value, long ts) throws Exception {
        var event = Events.reading(site, device, SensorType.METHANE, value, ts);
        if (Methane.isGasNetworkMethane(event) && GasSpreadRule.isAlarm(event)) {
            harness.processElement(event);
        }
    }

    private void methane(String device, double value, long ts) throws Exception {
        methane(main, device, value, ts);
    }

    private List<RuleMatch> matches() {
        return harness.matches();
    }

    @Test
    void alarmsAtTwoDevicesWithinTenMinutesAreRed() throws Exception {
        methane("ch4-1", 22, 0);
        methane("ch4-1", 24, MIN);
        methane("ch4-2", 21, 5 * MIN);
        harness.processWatermark(5 * MIN);

        assertThat(matches()).hasSize(1);
        RuleMatch match = matches().get(0);
        assertThat(match.ruleId).isEqualTo(GasSpreadRule.ID);
        assertThat(match.level).isEqualTo(AlertLevel.red);
        assertThat(match.locationKey).isEqualTo("rp-gas");
        assertThat(match.deviceId).isNull();
        assertThat(match.deviceIds).containsExactly("ch4-1", "ch4-2");
        assertThat(match.startTs).isZero();
        assertThat(match.detectTs).isEqualTo(5 * MIN);
        assertThat(match.message).contains("Gas spreading", "ch4-1", "ch4-2");
    }

    @Test
    void exactlyTenMinutesApartIsWithinAndOneMillisecondMoreIsNot() throws Exception {
        methane("ch4-1", 22, 0);
        methane("ch4-2", 22, 10 * MIN);
        harness.processWatermark(10 * MIN);
        assertThat(matches()).hasSize(1);

        methane("ch4-1", 22, 60 * MIN);
        methane("ch4-2", 22, 70 * MIN + 1);
        harness.processWatermark(80 * MIN);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void oneDeviceRepeatingItselfNeverSpreads() throws Exception {
        for (int min = 0; min < 8; min++) {
            methane("ch4-1", 40, min * MIN);
        }
        harness.processWatermark(30 * MIN);
        assertThat(matches()).isEmpty();
    }

    @Test
    void justBelowTheAlarmLevelAtTheSecondDeviceIsNothing() throws Exception {
        methane("ch4-1", 22, 0);
        methane("ch4-2", 19.99, MIN);
        methane("ch4-3", 20.0, 2 * MIN);
        harness.processWatermark(30 * MIN);
        assertThat(matches())
                .extracting(m -> m.deviceIds)
                .containsExactly(List.of("ch4-1", "ch4-3"));
    }

    @Test
    void theOrderOfArrivalWithinTheWatermarkBoundDoesNotMatter() throws Exception {
        methane("ch4-2", 21, 5 * MIN);
        methane("ch4-1", 22, 4 * MIN + 40_000);
        harness.processWatermark(5 * MIN);
        assertThat(matches())
                .extracting(m -> m.deviceIds)
                .containsExactly(List.of("ch4-1", "ch4-2"));
    }

    @Test
    void aRiskPointOverrideMovesTheAlarmLevel() throws Exception {
        Site tuned = Events.site("rp-gas", RiskPointKind.gas_network, 3, Map.of("gas.alarm", 10.0));
        methane(tuned, "ch4-1", 12, 0);
        methane(tuned, "ch4-2", 12, MIN);
        harness.processWatermark(MIN);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void oneSpreadingLeakIsOneMatch() throws Exception {
        methane("ch4-1", 22, 0);
        methane("ch4-1", 24, MIN);
        methane("ch4-2", 25, 2 * MIN);
        methane("ch4-3", 25, 3 * MIN);
        harness.processWatermark(3 * MIN);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void forgetsARiskPointOnceItsAlarmsAreOlderThanTheWindow() throws Exception {
        methane("ch4-1", 22, 0);
        harness.processWatermark(MIN);
        assertThat(harness.stateEntries()).isPositive();

        harness.processWatermark(11 * MIN);
        assertThat(matches()).isEmpty();
        assertThat(harness.stateEntries()).isZero();
        assertThat(harness.timers()).isZero();
    }
}
