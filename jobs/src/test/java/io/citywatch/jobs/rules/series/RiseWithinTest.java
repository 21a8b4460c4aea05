package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.flood.RapidRiseRule;
import io.citywatch.jobs.rules.geo.CrackJumpRule;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** geo.crack_jump and flood.rapid_rise, which share this function. */
class RiseWithinTest {
    private static final long MINUTE = 60_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 2, Map.of());
    private final Site river = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;

    private void start(RiseWithin.Spec spec) throws Exception {
        harness =
                KeyedHarness.open(
                        new RiseWithin(spec, RuleSettings.defaults()), event -> event.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void crack(Site site, String device, double mm, long minute) throws Exception {
        harness.processElement(
                Events.reading(site, device, SensorType.CRACK_WIDTH, mm, minute * MINUTE),
                minute * MINUTE);
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    @Test
    void aCrackWideningTwoMillimetresWithinAnHourIsOrange() throws Exception {
        start(CrackJumpRule.SPEC);
        crack(slope, "crk-1", 10.0, 0);
        crack(slope, "crk-1", 11.0, 30);
        crack(slope, "crk-1", 12.0, 60);
        harness.processWatermark(60 * MINUTE);
        assertThat(matches()).hasSize(1);
        RuleMatch match = matches().get(0);
        assertThat(match.ruleId).isEqualTo("geo.crack_jump");
        assertThat(match.level).isEqualTo(AlertLevel.orange);
        assertThat(match.locationKey).isEqualTo("rp-slope");
        assertThat(match.deviceId).as("keyed by risk point").isNull();
        assertThat(match.startTs).isZero();
        assertThat(match.detectTs).isEqualTo(60 * MINUTE);
        assertThat(match.evidence).extracting(e -> e.value).containsExactly(10.0, 12.0);
        assertThat(match.message).contains("crk-1").contains("2.00 mm").contains("60 min");
    }

    @Test
    void justBelowTheJumpOrJustOutsideTheHourDoesNotFire() throws Exception {
        start(CrackJumpRule.SPEC);
        crack(slope, "crk-1", 10.0, 0);
        crack(slope, "crk-1", 11.99, 60);
        crack(slope, "crk-1", 13.99, 121);
        harness.processWatermark(121 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void comparesWithTheLowestReadingOfTheHourInEventTimeOrder() throws Exception {
        start(CrackJumpRule.SPEC);
        crack(slope, "crk-1", 10.0, 0);
        crack(slope, "crk-1", 12.5, 20);
        crack(slope, "crk-1", 12.0, 10);
        harness.processWatermark(20 * MINUTE);
        // in event time 10.0, 12.0, 12.5: the jump of 2.0 is at minute 10, then 2.5 at minute 20
        assertThat(matches()).extracting(m -> m.detectTs).containsExactly(10 * MINUTE, 20 * MINUTE);
    }

    @Test
    void twoCrackMetersNeverMakeOneJump() throws Exception {
        start(CrackJumpRule.SPEC);
        crack(slope, "crk-1", 10.0, 0);
        crack(slope, "crk-2", 12.5, 10);
        harness.processWatermark(10 * MINUTE);
        assertThat(matches()).isEmpty();
    }

    @Test
    void aRiskPointOverridesTheJumpAndTheWindow() throws Exception {
        start(CrackJumpRule.SPEC);
        Site sensitive =
                Events.site(
                        "rp-slope",
                        RiskPointKind.slope,
                        1,
                        Map.of("geo.crackJump", 1.0, "geo.crackJumpWindow", 7200.0));
        crack(sensitive, "crk-1", 10.0, 0);
        crack(sensitive, "crk-1", 11.0, 120);
        harness.processWatermark(120 * MINUTE);
        assertThat(matches()).hasSize(1);
    }

    @Test
    void forgetsAQuietMeterAfterOneWindow() throws Exception {
        start(CrackJumpRule.SPEC);
        crack(slope, "crk-1", 10.0, 0);
        harness.processWatermark(0);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(60 * MINUTE);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aRiverRisingOneMetreWithinAnHourIsARapidRise() throws Exception {
        start(RapidRiseRule.SPEC);
        harness.processElement(Events.reading(river, "lvl-1", SensorType.WATER_LEVEL, 180.0, 0), 0);
        harness.processElement(
                Events.reading(river, "lvl-1", SensorType.WATER_LEVEL, 180.99, 30 * MINUTE),
                30 * MINUTE);
        harness.processWatermark(30 * MINUTE);
        assertThat(matches()).isEmpty();
        harness.processElement(
                Events.reading(river, "lvl-1", SensorType.WATER_LEVEL, 181.0, 60 * MINUTE),
                60 * MINUTE);
        harness.processWatermark(60 * MINUTE);
        assertThat(matches()).extracting(m -> m.ruleId).containsExactly("flood.rapid_rise");
        assertThat(matches().get(0).message).contains("rose 1.00 m");
    }
}
