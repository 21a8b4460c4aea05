package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleHost;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;
import io.citywatch.jobs.testing.StreakHarness;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * geo.displacement's unit: the tangent angles (each sent to geo.rain_then_movement when steep, here
 * every one at a slope that takes any angle as movement), the angle streak and its level, and in
 * the host the order of the readings, repeats and a device going quiet.
 */
class DisplacementUnitTest {
    private static final long HOUR = 3_600_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());

    /** A slope whose every tangent angle is movement: the unit sends them all. */
    private final Site watched =
            Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.movementAngle", 0.0));

    private final DisplacementUnit unit = new DisplacementRule().unit(RuleSettings.defaults());
    private final RecordingContext context = new RecordingContext();
    private KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness;
    private DisplacementState state;
    private long clock;

    @BeforeEach
    void setUp() throws Exception {
        harness = KeyedHarness.open(new DeviceRuleHost(List.of(unit)), event -> event.deviceId);
        context.deviceId = "gnss-1";
        context.site = slope;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void displacement(Site site, double mm, long ts) throws Exception {
        harness.processElement(Events.reading(site, "gnss-1", SensorType.DISPLACEMENT, mm, ts), ts);
    }

    private List<SlopeSignal> angles() {
        var signals = harness.getSideOutput(SlopeSignal.TAG);
        return signals == null ? List.of() : signals.stream().map(StreamRecord::getValue).toList();
    }

    private List<RuleMatch> hostMatches() {
        return harness.extractOutputValues();
    }

    private static List<String> levels(List<RuleMatch> matches) {
        return matches.stream().map(m -> m.clear ? "clear" : m.level.name()).toList();
    }

    /** The velocity an angle at the default steady velocity (0.1 mm/h) stands for. */
    private static double velocityOf(SlopeSignal angle) {
        return 0.1 * Math.tan(Math.toRadians(angle.value));
    }

    // --- the tangent angles

    @Test
    void velocityIsTheLeastSquaresSlopeInMillimetresPerHour() {
        assertThat(
                        DisplacementUnit.velocityMmPerHour(
                                new long[] {0, HOUR, 2 * HOUR}, new double[] {10, 11, 12}))
                .isCloseTo(1.0, within(1e-12));
        // not the end-to-end difference: the middle point pulls the line (0, 1, 5 over 0, 1, 2 h)
        assertThat(
                        DisplacementUnit.velocityMmPerHour(
                                new long[] {0, HOUR, 2 * HOUR}, new double[] {0, 1, 5}))
                .isCloseTo(2.5, within(1e-12));
        // uneven spacing: 0 h, 0.5 h, 2 h with values on the line y = 3t
        assertThat(
                        DisplacementUnit.velocityMmPerHour(
                                new long[] {0, HOUR / 2, 2 * HOUR}, new double[] {0, 1.5, 6}))
                .isCloseTo(3.0, within(1e-12));
    }

    @Test
    void theAngleIsFortyFiveDegreesAtTheSteadyVelocity() {
        assertThat(DisplacementUnit.tangentAngle(0.1, 0.1)).isCloseTo(45.0, within(1e-9));
        assertThat(DisplacementUnit.tangentAngle(-0.1, 0.1)).isCloseTo(-45.0, within(1e-9));
        assertThat(DisplacementUnit.tangentAngle(0.1 * Math.tan(Math.toRadians(85)), 0.1))
                .isCloseTo(85.0, within(1e-9));
    }

    @Test
    void anAngleFromTheThirdReadingOn() throws Exception {
        displacement(watched, 100.0, 0);
        displacement(watched, 100.1, HOUR);
        harness.processWatermark(HOUR);
        assertThat(angles()).isEmpty();

        displacement(watched, 100.2, 2 * HOUR);
        displacement(watched, 100.5, 3 * HOUR);
        harness.processWatermark(3 * HOUR);
        assertThat(angles()).extracting(a -> a.ts).containsExactly(2 * HOUR, 3 * HOUR);
        assertThat(velocityOf(angles().get(0))).isCloseTo(0.1, within(1e-9));
        assertThat(angles().get(0).value).isCloseTo(45.0, within(1e-9));
        assertThat(velocityOf(angles().get(1))).isCloseTo(0.2, within(1e-9));
        assertThat(angles().get(1).evidence)
                .extracting(r -> r.ts)
                .containsExactly(HOUR, 2 * HOUR, 3 * HOUR);
        assertThat(angles().get(1).evidence)
                .extracting(r -> r.deviceId + " " + r.type + " " + r.value)
                .containsExactly(
                        "gnss-1 displacement 100.1",
                        "gnss-1 displacement 100.2",
                        "gnss-1 displacement 100.5");
        assertThat(angles()).allSatisfy(a -> assertThat(a.rain).isFalse());
        assertThat(angles()).extracting(a -> a.deviceId).containsOnly("gnss-1");
    }

    @Test
    void onlySteepAnglesGoToRainThenMovement() throws Exception {
        // 0.05 mm/h is 26.6°, then 0.15 mm/h is 56.3°: only the second reaches movementAngle 45°
        displacement(slope, 100.0, 0);
        displacement(slope, 100.0, HOUR);
        displacement(slope, 100.1, 2 * HOUR);
        displacement(slope, 100.3, 3 * HOUR);
        harness.processWatermark(3 * HOUR);
        assertThat(angles()).extracting(a -> a.ts).containsExactly(3 * HOUR);
    }

    @Test
    void outOfOrderReadingsAreRegressedInEventTimeOrder() throws Exception {
        long minute = 60_000;
        displacement(watched, 100.0, 0);
        displacement(watched, 100.1, minute);
        displacement(watched, 100.6, 3 * minute);
        displacement(watched, 100.2, 2 * minute);
        harness.processWatermark(3 * minute);
        // in event time: (0, 1, 2 min) then (1, 2, 3 min), not the arrival order's (0, 1, 3 min)
        assertThat(angles()).extracting(a -> a.ts).containsExactly(2 * minute, 3 * minute);
        assertThat(velocityOf(angles().get(0))).isCloseTo(6.0, within(1e-9));
        assertThat(velocityOf(angles().get(1))).isCloseTo(15.0, within(1e-9));
    }

    @Test
    void aReadingSentTwiceAtTheSameInstantCountsOnce() throws Exception {
        displacement(watched, 100.0, 0);
        displacement(watched, 100.1, HOUR);
        displacement(watched, 100.1, HOUR);
        harness.processWatermark(HOUR);
        assertThat(angles()).isEmpty();
    }

    @Test
    void aReadingSentAgainWithAnotherValueReplacesTheFirstInTheRegression() throws Exception {
        displacement(watched, 100.0, 0);
        displacement(watched, 100.1, HOUR);
        displacement(watched, 100.2, 2 * HOUR);
        displacement(watched, 100.4, 2 * HOUR);
        harness.processWatermark(2 * HOUR);
        assertThat(angles()).extracting(a -> a.ts).containsExactly(2 * HOUR, 2 * HOUR);
        assertThat(velocityOf(angles().get(1))).isCloseTo(0.2, within(1e-9));
        assertThat(angles().get(1).evidence)
                .extracting(r -> r.value)
                .containsExactly(100.0, 100.1, 100.4);
    }

    @Test
    void aRiskPointOverridesTheSteadyVelocity() throws Exception {
        Site slow =
                Events.site(
                        "rp-slope",
                        RiskPointKind.slope,
                        1,
                        Map.of("geo.steadyVelocity", 0.2, "geo.movementAngle", 0.0));
        displacement(slow, 100.0, 0);
        displacement(slow, 100.2, HOUR);
        displacement(slow, 100.4, 2 * HOUR);
        harness.processWatermark(2 * HOUR);
        assertThat(angles().get(0).value).isCloseTo(45.0, within(1e-9));
    }

    @Test
    void onlyValidDisplacementReadingsOfSlopesAreInputs() {
        assertThat(
                        DisplacementUnit.isInput(
                                Events.reading(slope, "g", SensorType.DISPLACEMENT, 1.0, 0)))
                .isTrue();
        assertThat(
                        DisplacementUnit.isInput(
                                Events.reading(slope, "g", SensorType.DISPLACEMENT, 20000, 0)))
                .as("outside the physical span: a sensor fault")
                .isFalse();
        assertThat(DisplacementUnit.isInput(Events.reading(slope, "g", SensorType.TILT, 1, 0)))
                .isFalse();
        Site bridge = Events.site("rp-bridge", RiskPointKind.bridge, 1, Map.of());
        assertThat(
                        DisplacementUnit.isInput(
                                Events.reading(bridge, "g", SensorType.DISPLACEMENT, 1.0, 0)))
                .isFalse();
    }

    @Test
    void forgetsAQuietDevice() throws Exception {
        displacement(slope, 100.0, 0);
        displacement(slope, 100.1, HOUR);
        harness.processWatermark(HOUR);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(26 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void keepsTheFiveReadingsAndThreeAnglesItNeeds() throws Exception {
        for (int h = 0; h < 40; h++) {
            displacement(slope, 100.0 + 0.01 * h, h * HOUR);
        }
        harness.processWatermark(39 * HOUR);
        DisplacementState kept =
                unit.onEvent(
                        null,
                        Events.reading(slope, "gnss-1", SensorType.DISPLACEMENT, 100.0, 0),
                        context);
        for (int h = 1; h < 40; h++) {
            kept =
                    unit.onEvent(
                            kept,
                            Events.reading(
                                    slope, "gnss-1", SensorType.DISPLACEMENT, 100.0, h * HOUR),
                            context);
        }
        assertThat(kept.ts).hasSize(5);
        assertThat(kept.values).hasSize(5);
        assertThat(kept.angles).hasSize(DisplacementUnit.STREAK);
        assertThat(kept.ts[0]).isEqualTo(35 * HOUR);
    }

    // --- the angle streak, from angles straight into it

    private void streak(Site site, double... degrees) {
        if (state == null) {
            state = new DisplacementState();
        }
        for (double degree : degrees) {
            clock += HOUR;
            DisplacementUnit.append(state, clock, 0);
            unit.streak(
                    state,
                    Events.reading(site, "gnss-1", SensorType.DISPLACEMENT, 0, clock),
                    0.1 * Math.tan(Math.toRadians(degree)),
                    degree,
                    context);
        }
    }

    private List<RuleMatch> matches() {
        return context.matches;
    }

    private List<String> levels() {
        return levels(matches());
    }

    @Test
    void theLevelIsTheLowestBandAllThreeAnglesReach() {
        streak(slope, 30, 60, 81, 86);
        assertThat(levels()).as("60, 81, 86: all ≥ 45").containsExactly("yellow");
        streak(slope, 87);
        assertThat(levels()).as("81, 86, 87: all ≥ 80").containsExactly("yellow", "orange");
        streak(slope, 88);
        assertThat(levels()).containsExactly("yellow", "orange", "red");
        RuleMatch red = matches().get(2);
        assertThat(red.ruleId).isEqualTo("geo.displacement");
        assertThat(red.deviceId).isEqualTo("gnss-1");
        assertThat(red.selfClearing).isTrue();
        assertThat(red.startTs).isEqualTo(4 * HOUR);
        assertThat(red.detectTs).isEqualTo(6 * HOUR);
        assertThat(red.message).contains("RP-SLOPE").contains("gnss-1");
    }

    @Test
    void exactlyFortyFiveDegreesIsYellowAndJustBelowIsNot() {
        streak(slope, 45, 45, 44.99);
        assertThat(matches()).isEmpty();
        streak(slope, 45, 45);
        assertThat(levels()).as("44.99 has left the streak").isEmpty();
        streak(slope, 45);
        assertThat(levels()).containsExactly("yellow");
    }

    @Test
    void exactBandEdgesCount() {
        streak(slope, 80, 80, 80);
        streak(slope, 85, 85, 85);
        assertThat(levels()).containsExactly("orange", "red");
    }

    @Test
    void oneSteepAngleIsNotEnough() {
        streak(slope, 20, 89, 20, 89, 20);
        assertThat(matches()).isEmpty();
    }

    @Test
    void holdsTheLevelOnAMixedStreakAndClearsAfterThreeCalmAngles() {
        streak(slope, 50, 50, 50);
        streak(slope, 30, 30);
        assertThat(levels()).containsExactly("yellow");
        streak(slope, 30);
        assertThat(levels()).containsExactly("yellow", "clear");
    }

    @Test
    void aRiskPointOverridesTheBands() {
        Site strict =
                Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.yellowAngle", 40.0));
        streak(strict, 41, 41, 41);
        assertThat(levels()).containsExactly("yellow");
    }

    // --- the streak from readings, in the host

    /** Readings an hour apart rising 0.2 mm/h: from the third on, 63.4° (yellow). */
    private void rising(long fromHour, int readings) throws Exception {
        for (int i = 0; i < readings; i++) {
            long h = fromHour + i;
            displacement(slope, 100.0 + 0.2 * i, h * HOUR);
        }
        harness.processWatermark((fromHour + readings - 1) * HOUR);
    }

    @Test
    void aMatchCarriesTheReadingsOfTheWholeStreak() throws Exception {
        rising(0, 5);
        assertThat(levels(hostMatches())).containsExactly("yellow");
        RuleMatch yellow = hostMatches().get(0);
        assertThat(yellow.startTs).isEqualTo(2 * HOUR);
        assertThat(yellow.detectTs).isEqualTo(4 * HOUR);
        assertThat(yellow.evidence)
                .extracting(e -> e.ts / HOUR)
                .as("the three regressions: hours 0-2, 1-3 and 2-4")
                .containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(yellow.evidence).extracting(e -> e.deviceId).containsOnly("gnss-1");
        assertThat(yellow.message)
                .isEqualTo(
                        "Slope RP-SLOPE: displacement at gnss-1 is accelerating, 0.20 mm/h;"
                                + " tangent angle ≥ 63.4° on 3 consecutive readings");
    }

    @Test
    void forgetsAQuietDeviceWithoutAnOpenLevel() throws Exception {
        for (int h = 0; h < 5; h++) {
            displacement(slope, 100.0, h * HOUR);
        }
        harness.processWatermark(4 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(4 * HOUR + 25 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuietDeviceKeepsOnlyItsOpenLevelSoThatItCanStillClear() throws Exception {
        rising(0, 5);
        harness.processWatermark(4 * HOUR + 25 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        for (int h = 30; h < 35; h++) {
            displacement(slope, 100.0, h * HOUR);
        }
        harness.processWatermark(34 * HOUR);
        assertThat(levels(hostMatches())).containsExactly("yellow", "clear");
        assertThat(hostMatches().get(0).level).isEqualTo(AlertLevel.yellow);
        assertThat(hostMatches().get(1).detectTs).isEqualTo(34 * HOUR);
    }

    /**
     * The streak was an operator of its own that went quiet on its own timer while the next reading
     * still waited before the angles: the streak starts afresh, the regression goes on.
     */
    @Test
    void aStreakGoesQuietWhileTheNextReadingWaitsAndTheRegressionGoesOn() throws Exception {
        // angles at 2 h and 3 h, both yellow: the streak is not whole yet
        displacement(slope, 100.0, 0);
        displacement(slope, 100.2, HOUR);
        displacement(slope, 100.4, 2 * HOUR);
        displacement(slope, 100.6, 3 * HOUR);
        harness.processWatermark(3 * HOUR);
        // quiet at 27 h; the next reading, 5 min later, waits for the watermark then: its angle
        // (75°, the regression spans the silence) and the next one are yellow too
        displacement(slope, 110.0, 27 * HOUR + 300_000);
        harness.processWatermark(27 * HOUR);
        harness.processWatermark(27 * HOUR + 300_000);
        displacement(slope, 110.2, 28 * HOUR);
        harness.processWatermark(28 * HOUR);
        assertThat(hostMatches())
                .as("with the angles of 2 h and 3 h the streak would be whole at 27:05")
                .isEmpty();
        displacement(slope, 110.4, 29 * HOUR);
        harness.processWatermark(29 * HOUR);
        assertThat(levels(hostMatches())).containsExactly("yellow");
        assertThat(hostMatches().get(0).startTs).isEqualTo(27 * HOUR + 300_000);
    }

    @Test
    void theReadingsAnglesAndLevelCarryOverASnapshotOfTheHost() throws Exception {
        try (StreakHarness before = new StreakHarness(new DisplacementRule())) {
            for (int h = 0; h < 4; h++) {
                before.reading(slope, "gnss-1", SensorType.DISPLACEMENT, 100.0 + 0.2 * h, h * 60);
            }
            before.watermark(3 * HOUR);
            assertThat(before.matches()).isEmpty();
            try (StreakHarness after = before.restarted()) {
                after.registered(slope, "gnss-1", SensorType.DISPLACEMENT);
                after.reading(slope, "gnss-1", SensorType.DISPLACEMENT, 100.8, 4 * 60);
                after.watermark(4 * HOUR);
                assertThat(levels(after.matches())).containsExactly("yellow");
                assertThat(after.matches().get(0).startTs).isEqualTo(2 * HOUR);
                assertThat(after.matches().get(0).evidence)
                        .extracting(e -> e.ts / HOUR)
                        .containsExactly(0L, 1L, 2L, 3L, 4L);
                // flat from 4 h: 45° at 5 h (its regression starts at 3 h), then three times 0°
                for (int h = 5; h < 9; h++) {
                    after.reading(slope, "gnss-1", SensorType.DISPLACEMENT, 100.8, h * 60);
                }
                after.watermark(7 * HOUR);
                assertThat(levels(after.matches())).containsExactly("yellow");
                after.watermark(8 * HOUR);
                assertThat(levels(after.matches())).containsExactly("yellow", "clear");
            }
        }
    }

    /**
     * A reading re-sent at the same instant with another value gives a second angle at that instant
     * and replaces the first in the next regressions; the evidence keeps each instant's first
     * value.
     */
    @Test
    void aStreakWithAReSentReadingShowsEachInstantOnce() {
        double[][] readings = {{0, 100.0}, {1, 100.2}, {2, 100.4}, {2, 100.6}, {3, 100.8}};
        for (double[] reading : readings) {
            long ts = (long) reading[0] * HOUR;
            state =
                    unit.onEvent(
                            state,
                            Events.reading(
                                    slope, "gnss-1", SensorType.DISPLACEMENT, reading[1], ts),
                            context);
        }
        assertThat(levels()).containsExactly("yellow");
        RuleMatch yellow = matches().get(0);
        assertThat(yellow.startTs).isEqualTo(2 * HOUR);
        assertThat(yellow.detectTs).isEqualTo(3 * HOUR);
        assertThat(yellow.evidence)
                .extracting(e -> e.ts / HOUR + ":" + e.value)
                .containsExactly("0:100.0", "1:100.2", "2:100.4", "3:100.8");
        assertThat(state.ts).as("the re-sent instant's first value is evidence still").hasSize(5);
    }
}
