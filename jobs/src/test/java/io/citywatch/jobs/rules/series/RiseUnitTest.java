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
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * geo.crack_jump and flood.rapid_rise, which share this unit: as plain Java, and in the host where
 * the order of the readings matters.
 */
class RiseUnitTest {
    private static final long MINUTE = 60_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 2, Map.of());
    private final Site river = Events.site("rp-river", RiskPointKind.river_station, 1, Map.of());

    private final RecordingContext context = new RecordingContext();
    private final RiseUnit crackJump = new CrackJumpRule().unit(RuleSettings.defaults());
    private RiseState state;

    private void crack(Site site, double mm, long minute) {
        state =
                crackJump.onEvent(
                        state,
                        Events.reading(site, "crk-1", SensorType.CRACK_WIDTH, mm, minute * MINUTE),
                        context);
    }

    @Test
    void aCrackWideningTwoMillimetresWithinAnHourIsOrange() {
        crack(slope, 10.0, 0);
        crack(slope, 11.0, 30);
        crack(slope, 12.0, 60);
        assertThat(context.matches).hasSize(1);
        RuleMatch match = context.matches.get(0);
        assertThat(match.ruleId).isEqualTo("geo.crack_jump");
        assertThat(match.level).isEqualTo(AlertLevel.orange);
        assertThat(match.locationKey).isEqualTo("rp-slope");
        assertThat(match.deviceId).as("keyed by risk point").isNull();
        assertThat(match.deviceIds).containsExactly("crk-1");
        assertThat(match.startTs).isZero();
        assertThat(match.detectTs).isEqualTo(60 * MINUTE);
        assertThat(match.evidence).extracting(e -> e.value).containsExactly(10.0, 12.0);
        assertThat(match.evidence).extracting(e -> e.ts).containsExactly(0L, 60 * MINUTE);
        assertThat(match.evidence)
                .extracting(e -> e.deviceId + " " + e.type)
                .containsOnly("crk-1 crack_width");
        assertThat(match.message)
                .isEqualTo(
                        "Crack meter crk-1 at RP-SLOPE widened 2.00 mm to 12.00 mm within 60 min");
    }

    @Test
    void justBelowTheJumpOrJustOutsideTheHourDoesNotFire() {
        crack(slope, 10.0, 0);
        crack(slope, 11.99, 60);
        crack(slope, 13.99, 121);
        assertThat(context.matches).isEmpty();
    }

    @Test
    void comparesWithTheLowestReadingOfTheHour() {
        crack(slope, 10.0, 0);
        crack(slope, 12.0, 10);
        crack(slope, 12.5, 20);
        assertThat(context.matches)
                .extracting(m -> m.detectTs)
                .containsExactly(10 * MINUTE, 20 * MINUTE);
        assertThat(context.matches).extracting(m -> m.startTs).containsOnly(0L);
    }

    @Test
    void ofEqualLowsTheEarliestStartsTheRise() {
        crack(slope, 10.0, 0);
        crack(slope, 10.0, 20);
        crack(slope, 12.0, 40);
        assertThat(context.matches).singleElement().satisfies(m -> assertThat(m.startTs).isZero());
        crack(slope, 12.0, 70);
        assertThat(context.matches.get(1).startTs).isEqualTo(20 * MINUTE);
    }

    @Test
    void keepsOnlyTheReadingsThatCanStillBeTheLowestOfTheWindow() {
        crack(slope, 10.0, 0);
        crack(slope, 12.0, 10);
        crack(slope, 11.0, 20);
        crack(slope, 13.0, 30);
        // 12.0 is outlasted by the lower 11.0; the latest is weighed once the next time comes
        assertThat(state.values).containsExactly(10.0, 11.0, 13.0);
        assertThat(state.ts).containsExactly(0, 20 * MINUTE, 30 * MINUTE);

        crack(slope, 10.5, 65);
        assertThat(state.values).as("10.0 has left the window").containsExactly(11.0, 13.0, 10.5);
        crack(slope, 10.8, 66);
        assertThat(state.values).containsExactly(10.5, 10.8);
    }

    @Test
    void aReadingAtTheSameTimeIsComparedWithTheEarlierOnesOnly() {
        crack(slope, 5.0, 0);
        crack(slope, 3.0, 5);
        crack(slope, 7.5, 5);
        // 7.5 against 5.0 (minute 0), not against 3.0, which came at the same minute
        assertThat(context.matches)
                .singleElement()
                .satisfies(
                        m -> {
                            assertThat(m.startTs).isZero();
                            assertThat(m.evidence)
                                    .extracting(e -> e.value)
                                    .containsExactly(5.0, 7.5);
                        });
        crack(slope, 5.0, 6);
        assertThat(context.matches).hasSize(2);
        assertThat(context.matches.get(1).evidence)
                .extracting(e -> e.value)
                .containsExactly(3.0, 5.0);
    }

    @Test
    void aRiskPointOverridesTheJumpAndTheWindow() {
        Site sensitive =
                Events.site(
                        "rp-slope",
                        RiskPointKind.slope,
                        1,
                        Map.of("geo.crackJump", 1.0, "geo.crackJumpWindow", 7200.0));
        crack(sensitive, 10.0, 0);
        crack(sensitive, 11.0, 120);
        assertThat(context.matches).hasSize(1);
        assertThat(crackJump.due(state)).isEqualTo(240 * MINUTE);
    }

    @Test
    void aQuietMeterIsForgottenOneWindowAfterItsLastReadingUnlessOneStillWaits() {
        crack(slope, 10.0, 0);
        crack(slope, 10.5, 30);
        assertThat(crackJump.due(state)).isEqualTo(90 * MINUTE);

        context.readingsHeld = true;
        state = crackJump.onDue(state, 90 * MINUTE, context);
        assertThat(state.values).containsExactly(10.0, 10.5);

        context.readingsHeld = false;
        state.quietDue = 90 * MINUTE;
        assertThat(crackJump.onDue(state, 90 * MINUTE, context)).isNull();
        assertThat(context.matches).isEmpty();
        assertThat(context.pending).isEmpty();
    }

    @Test
    void aRiverRisingOneMetreWithinAnHourIsARapidRise() {
        RiseUnit rapidRise = new RapidRiseRule().unit(RuleSettings.defaults());
        RiseState gauge = null;
        double[] levels = {180.0, 180.99, 181.0};
        for (int i = 0; i < levels.length; i++) {
            gauge =
                    rapidRise.onEvent(
                            gauge,
                            Events.reading(
                                    river,
                                    "lvl-1",
                                    SensorType.WATER_LEVEL,
                                    levels[i],
                                    i * 30 * MINUTE),
                            context);
            assertThat(context.matches).hasSize(i == 2 ? 1 : 0);
        }
        assertThat(context.matches.get(0).ruleId).isEqualTo("flood.rapid_rise");
        assertThat(context.matches.get(0).message)
                .isEqualTo("Water level at RP-RIVER (lvl-1) rose 1.00 m to 181.00 m within 60 min");
    }

    @Test
    void eachRuleReadsItsOwnDevicesAndKeepsItsOwnSlot() {
        RiseUnit rapidRise = new RapidRiseRule().unit(RuleSettings.defaults());
        DeviceEvent level = Events.reading(river, "lvl-1", SensorType.WATER_LEVEL, 180.0, 0);
        DeviceEvent width = Events.reading(slope, "crk-1", SensorType.CRACK_WIDTH, 5.0, 0);
        assertThat(rapidRise.reads(level)).isTrue();
        assertThat(rapidRise.reads(width)).isFalse();
        assertThat(crackJump.reads(width)).isTrue();
        assertThat(crackJump.reads(level)).isFalse();
        Site lake = Events.site("rp-lake", RiskPointKind.high_rise, 1, Map.of());
        assertThat(rapidRise.reads(Events.reading(lake, "lvl-9", SensorType.WATER_LEVEL, 1, 0)))
                .as("only river stations and underpasses")
                .isFalse();
    }

    // the order of the readings is the host's: these go through it

    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> host(
            DeviceRuleUnit<?> unit) throws Exception {
        return KeyedHarness.open(new DeviceRuleHost(List.of(unit)), event -> event.deviceId);
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness,
            Site site,
            String device,
            double mm,
            long minute)
            throws Exception {
        harness.processElement(
                Events.reading(site, device, SensorType.CRACK_WIDTH, mm, minute * MINUTE),
                minute * MINUTE);
    }

    @Test
    void outOfOrderReadingsAreComparedInEventTimeOrder() throws Exception {
        try (var harness = host(crackJump)) {
            send(harness, slope, "crk-1", 10.0, 0);
            send(harness, slope, "crk-1", 12.5, 20);
            send(harness, slope, "crk-1", 12.0, 10);
            send(harness, slope, "crk-1", 12.0, 10);
            harness.processWatermark(20 * MINUTE);
            // in event time 10.0, 12.0, 12.5: the jump of 2.0 is at minute 10, then 2.5 at 20;
            // the repeated reading at minute 10 counts once
            assertThat(harness.extractOutputValues())
                    .extracting(m -> m.detectTs)
                    .containsExactly(10 * MINUTE, 20 * MINUTE);
        }
    }

    @Test
    void twoCrackMetersNeverMakeOneJump() throws Exception {
        try (var harness = host(crackJump)) {
            send(harness, slope, "crk-1", 10.0, 0);
            send(harness, slope, "crk-2", 12.5, 10);
            harness.processWatermark(10 * MINUTE);
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void forgetsAQuietMeterAfterOneWindow() throws Exception {
        try (var harness = host(crackJump)) {
            send(harness, slope, "crk-1", 10.0, 0);
            harness.processWatermark(0);
            assertThat(harness.numKeyedStateEntries()).isPositive();
            harness.processWatermark(60 * MINUTE - 1);
            assertThat(harness.numKeyedStateEntries()).isPositive();
            harness.processWatermark(60 * MINUTE);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aReadingStillWaitingWhenTheWindowEndsIsComparedWithNothingOlder() throws Exception {
        try (var harness = host(crackJump)) {
            send(harness, slope, "crk-1", 10.0, 0);
            harness.processWatermark(0);
            send(harness, slope, "crk-1", 12.5, 61);
            harness.processWatermark(60 * MINUTE);
            harness.processWatermark(61 * MINUTE);
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processWatermark(121 * MINUTE);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }
}
