package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AngleStreakTest {
    private static final long HOUR = 3_600_000;
    private final Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, DisplacementAngle, RuleMatch> harness;
    private long clock;

    @BeforeEach
    void setUp() throws Exception {
        harness =
                KeyedHarness.open(
                        new AngleStreak(RuleSettings.defaults()), angle -> angle.deviceId);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void angles(Site site, double... degrees) throws Exception {
        for (double degree : degrees) {
            clock += HOUR;
            DisplacementAngle angle = new DisplacementAngle();
            angle.deviceId = "gnss-1";
            angle.site = site;
            angle.ts = clock;
            angle.angle = degree;
            angle.velocity = 0.1 * Math.tan(Math.toRadians(degree));
            harness.processElement(angle, clock);
        }
    }

    private List<RuleMatch> matches() {
        return harness.extractOutputValues();
    }

    private List<String> levels() {
        return matches().stream().map(m -> m.clear ? "clear" : m.level.name()).toList();
    }

    @Test
    void theLevelIsTheLowestBandAllThreeAnglesReach() throws Exception {
        angles(slope, 30, 60, 81, 86);
        assertThat(levels()).as("60, 81, 86: all ≥ 45").containsExactly("yellow");
        angles(slope, 87);
        assertThat(levels()).as("81, 86, 87: all ≥ 80").containsExactly("yellow", "orange");
        angles(slope, 88);
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
    void exactlyFortyFiveDegreesIsYellowAndJustBelowIsNot() throws Exception {
        angles(slope, 45, 45, 44.99);
        assertThat(matches()).isEmpty();
        angles(slope, 45, 45);
        assertThat(levels()).as("44.99 has left the streak").isEmpty();
        angles(slope, 45);
        assertThat(levels()).containsExactly("yellow");
    }

    @Test
    void exactBandEdgesCount() throws Exception {
        angles(slope, 80, 80, 80);
        angles(slope, 85, 85, 85);
        assertThat(levels()).containsExactly("orange", "red");
    }

    @Test
    void oneSteepAngleIsNotEnough() throws Exception {
        angles(slope, 20, 89, 20, 89, 20);
        assertThat(matches()).isEmpty();
    }

    @Test
    void holdsTheLevelOnAMixedStreakAndClearsAfterThreeCalmAngles() throws Exception {
        angles(slope, 50, 50, 50);
        angles(slope, 30, 30);
        assertThat(levels()).containsExactly("yellow");
        angles(slope, 30);
        assertThat(levels()).containsExactly("yellow", "clear");
    }

    @Test
    void aRiskPointOverridesTheBands() throws Exception {
        Site strict =
                Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.yellowAngle", 40.0));
        angles(strict, 41, 41, 41);
        assertThat(levels()).containsExactly("yellow");
    }

    @Test
    void forgetsAQuietDeviceWithoutAnOpenLevel() throws Exception {
        angles(slope, 10, 10, 10);
        assertThat(harness.numKeyedStateEntries()).isPositive();
        harness.processWatermark(clock + 25 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aQuietDeviceKeepsOnlyItsOpenLevelSoThatItCanStillClear() throws Exception {
        angles(slope, 60, 60, 60);
        harness.processWatermark(clock + 25 * HOUR);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
        clock += 25 * HOUR;
        angles(slope, 10, 10, 10);
        assertThat(levels()).containsExactly("yellow", "clear");
        assertThat(matches().get(0).level).isEqualTo(AlertLevel.yellow);
    }
}
