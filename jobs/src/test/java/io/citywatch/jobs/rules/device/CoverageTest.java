package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.RecordingContext;
import io.citywatch.jobs.rules.host.RiskPointInput;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.RiskPointHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {
    private static final Site TOWER = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());

    private final CoverageUnit unit =
            new CoverageUnit(
                    new RuleSettings(Long.MAX_VALUE, Locale.ENGLISH, Duration.ofMinutes(10)));

    private RiskPointHarness harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start() throws Exception {
        harness = RiskPointHarness.of(unit);
    }

    private static RuleMatch offline(String device, long ts) {
        return RuleMatch.at(DeviceOfflineRule.ID, Scenario.device, TOWER, ts, ts).perDevice(device);
    }

    private static RuleMatch online(String device, long ts) {
        RuleMatch clear = offline(device, ts);
        clear.clear = true;
        return clear;
    }

    private List<String> gapChanges() {
        return harness.matches().stream()
                .map(m -> (m.clear ? "clear@" : "open@") + m.detectTs)
                .toList();
    }

    @Test
    void aGapIsTheRatioOfTheRiskPointsDevicesOfflineAndEndsWhenOneComesBack() {
        RecordingContext context = new RecordingContext();
        context.site = TOWER;
        CoverageState state = unit.onEvent(null, RiskPointInput.of(offline("c", 10_000)), context);
        assertThat(context.matches).as("1 of 3 is below half").isEmpty();
        state = unit.onEvent(state, RiskPointInput.of(offline("a", 20_000)), context);

        assertThat(context.matches)
                .singleElement()
                .satisfies(
                        gap -> {
                            assertThat(gap.ruleId).isEqualTo(CoverageGapRule.ID);
                            assertThat(gap.level).isEqualTo(AlertLevel.yellow);
                            assertThat(gap.locationKey).isEqualTo("rp-t");
                            assertThat(gap.deviceId).isNull();
                            assertThat(gap.deviceIds).containsExactly("a", "c");
                            assertThat(gap.startTs).isEqualTo(20_000);
                            assertThat(gap.detectTs).isEqualTo(20_000);
                            assertThat(gap.selfClearing).isTrue();
                            assertThat(gap.message).isEqualTo("2 of 3 devices at RP-T are offline");
                        });

        state = unit.onEvent(state, RiskPointInput.of(online("a", 30_000)), context);
        assertThat(context.matches).hasSize(2);
        assertThat(context.matches.get(1).clear).isTrue();
        assertThat(context.matches.get(1).detectTs).isEqualTo(30_000);
        assertThat(state).as("c is still offline").isNotNull();
        state = unit.onEvent(state, RiskPointInput.of(online("c", 40_000)), context);
        assertThat(state).as("a risk point with every device online keeps nothing").isNull();
        assertThat(context.matches).hasSize(2);
    }

    @Test
    void changesCountInEventTimeWhateverOrderTheyArriveIn() throws Exception {
        start();
        harness.send(offline("a", 50_000));
        // a comes back at 110 s (its reading was read first); b went offline at 100 s: from
        // 100 s to 110 s two of three were offline
        harness.send(online("a", 110_000));
        harness.send(offline("b", 100_000));
        assertThat(gapChanges()).isEmpty();

        harness.watermark(200_000);
        assertThat(gapChanges()).containsExactly("open@100000", "clear@110000");
    }

    @Test
    void nothingIsDecidedBeforeTheWatermarkPassesIt() throws Exception {
        start();
        harness.send(offline("a", 50_000));
        harness.send(offline("b", 50_000));
        harness.watermark(49_999);
        assertThat(gapChanges()).isEmpty();
        harness.watermark(50_000);
        assertThat(gapChanges()).containsExactly("open@50000");
        assertThat(harness.timers()).isZero();
    }

    @Test
    void withinOneInstantADeviceBackOnlineCountsBeforeOneGoingOffline() throws Exception {
        start();
        harness.send(offline("a", 10_000));
        harness.watermark(10_000);
        // at 60 s, b goes offline as a comes back: never two of three offline at once
        harness.send(offline("b", 60_000));
        harness.send(online("a", 60_000));
        harness.watermark(60_000);
        assertThat(gapChanges()).isEmpty();
        harness.send(offline("c", 70_000));
        harness.watermark(70_000);
        assertThat(gapChanges()).containsExactly("open@70000");
    }
}
