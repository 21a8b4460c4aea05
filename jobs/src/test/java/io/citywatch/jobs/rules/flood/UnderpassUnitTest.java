package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.rules.host.RiskPointInput;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.RiskPointHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnderpassUnitTest {
    private static final long MINUTE = 60_000;
    private final Site underpass = Events.site("rp-up", RiskPointKind.underpass, 2, Map.of());

    private final UnderpassUnit unit = new UnderpassUnit(RuleSettings.defaults());

    private RiskPointHarness harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = RiskPointHarness.of(unit);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void depth(Site site, String device, double cm, long minute) throws Exception {
        harness.send(Events.reading(site, device, SensorType.WATER_DEPTH, cm, minute * MINUTE));
    }

    private void depths(String device, long fromMinute, double... cms) throws Exception {
        for (int i = 0; i < cms.length; i++) {
            depth(underpass, device, cms[i], fromMinute + i);
        }
        harness.watermark((fromMinute + cms.length - 1) * MINUTE);
    }

    private List<String> levels() {
        return harness.matches().stream().map(m -> m.clear ? "clear" : m.level.name()).toList();
    }

    @Test
    void theLevelIsTheLowestBandBothReadingsReach() throws Exception {
        depths("dep-1", 0, 5, 12, 25, 22, 35, 31);
        assertThat(levels()).containsExactly("yellow", "orange", "red");
        RuleMatch red = harness.matches().get(2);
        assertThat(red.ruleId).isEqualTo("flood.underpass");
        assertThat(red.locationKey).isEqualTo("rp-up");
        assertThat(red.deviceId).isNull();
        assertThat(red.selfClearing).isTrue();
        assertThat(red.evidence).extracting(e -> e.value).containsExactly(35.0, 31.0);
        assertThat(red.message).contains("31 cm").contains("close the road");
    }

    @Test
    void exactlyAtTheBandsCountsAndJustBelowDoesNot() throws Exception {
        depths("dep-1", 0, 9.99, 9.99, 10, 10);
        assertThat(levels()).containsExactly("yellow");
        depths("dep-1", 4, 20, 20, 30, 29.99);
        assertThat(levels()).containsExactly("yellow", "orange");
    }

    @Test
    void oneDeepReadingIsNotEnough() throws Exception {
        depths("dep-1", 0, 0, 40, 0, 40, 0);
        assertThat(levels()).isEmpty();
    }

    @Test
    void twoGaugesWithOneDeepReadingEachAreNotTwoConsecutiveReadings() throws Exception {
        depth(underpass, "dep-1", 0, 0);
        depth(underpass, "dep-2", 0, 0);
        depth(underpass, "dep-1", 15, 1);
        depth(underpass, "dep-2", 15, 2);
        harness.watermark(2 * MINUTE);
        assertThat(levels()).isEmpty();
    }

    @Test
    void outOfOrderReadingsAreTakenInEventTimeOrder() throws Exception {
        depth(underpass, "dep-1", 15, 0);
        depth(underpass, "dep-1", 15, 2);
        depth(underpass, "dep-1", 0, 1);
        harness.watermark(2 * MINUTE);
        // in event time 15, 0, 15: never two consecutive readings ≥ 10 cm
        assertThat(levels()).isEmpty();
    }

    @Test
    void holdsTheLevelUntilTwoReadingsAreBelowYellow() throws Exception {
        depths("dep-1", 0, 25, 25, 5);
        assertThat(levels()).containsExactly("orange");
        depths("dep-1", 3, 4);
        assertThat(levels()).containsExactly("orange", "clear");
    }

    @Test
    void clearsOnlyWhenEveryGaugeOfTheUnderpassIsDry() throws Exception {
        depth(underpass, "dep-1", 15, 0);
        depth(underpass, "dep-2", 15, 0);
        depth(underpass, "dep-1", 15, 1);
        depth(underpass, "dep-2", 15, 1);
        depth(underpass, "dep-1", 0, 2);
        depth(underpass, "dep-1", 0, 3);
        harness.watermark(3 * MINUTE);
        assertThat(levels()).containsExactly("yellow");
        depth(underpass, "dep-2", 0, 4);
        depth(underpass, "dep-2", 0, 5);
        harness.watermark(5 * MINUTE);
        assertThat(levels()).containsExactly("yellow", "clear");
    }

    @Test
    void aRiskPointOverridesTheBands() throws Exception {
        Site shallow =
                Events.site(
                        "rp-up", RiskPointKind.underpass, 1, Map.of("flood.underpass.red", 15.0));
        depth(shallow, "dep-1", 15, 0);
        depth(shallow, "dep-1", 15, 1);
        harness.watermark(MINUTE);
        assertThat(levels()).containsExactly("red");
    }

    @Test
    void forgetsAQuietDryUnderpass() throws Exception {
        depths("dep-1", 0, 3, 4);
        assertThat(harness.stateEntries()).isPositive();
        harness.watermark(25 * 60 * MINUTE);
        assertThat(harness.stateEntries()).isZero();
        assertThat(harness.timers()).isZero();
    }

    @Test
    void anUnderpassQuietWhileFloodedKeepsItsLevelsSoDryReadingsCanClearIt() {
        RecordingContext context = new RecordingContext();
        context.site = underpass;
        UnderpassState state = null;
        for (int minute = 0; minute < 2; minute++) {
            state = unit.onEvent(state, input("dep-1", 25, minute), context);
        }
        assertThat(context.matches).extracting(m -> m.level.name()).containsExactly("orange");
        assertThat(unit.due(state)).isEqualTo(MINUTE + 24 * 60 * MINUTE);

        state = unit.onDue(state, unit.due(state), context);
        assertThat(state).isNotNull();
        assertThat(state.previous).as("readings before the silence are no pair").isEmpty();
        assertThat(state.gaugeLevels).containsEntry("dep-1", 3);

        state = unit.onEvent(state, input("dep-1", 2, 2000), context);
        assertThat(context.matches).hasSize(1);
        state = unit.onEvent(state, input("dep-1", 1, 2001), context);
        assertThat(context.matches).hasSize(2);
        assertThat(context.matches.get(1).clear).isTrue();
        assertThat(state.gaugeLevels).isEmpty();
    }

    @Test
    void aQuietTimeWithReadingsStillWaitingIsNoSilence() {
        RecordingContext context = new RecordingContext();
        context.site = underpass;
        UnderpassState state = unit.onEvent(null, input("dep-1", 3, 0), context);
        context.readingsHeld = true;
        state = unit.onDue(state, unit.due(state), context);
        assertThat(state.previous).containsKey("dep-1");
    }

    private RiskPointInput input(String device, double cm, long minute) {
        return RiskPointInput.of(
                Events.reading(underpass, device, SensorType.WATER_DEPTH, cm, minute * MINUTE));
    }
}
