package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageTest {
    private static final Site TOWER = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());

    private KeyedOneInputStreamOperatorTestHarness<String, RuleMatch, RuleMatch> harness;

    @AfterEach
    void tearDown() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start() throws Exception {
        harness =
                KeyedHarness.open(
                        new CoverageGapRule.Coverage(
                                new RuleSettings(
                                        Long.MAX_VALUE,
                                        Locale.ENGLISH,
                                        java.time.Duration.ofMinutes(10))),
                        match -> match.site.riskPointId);
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
        return harness.extractOutputValues().stream()
                .map(m -> (m.clear ? "clear@" : "open@") + m.detectTs)
                .toList();
    }

    @Test
    void changesCountInEventTimeWhateverOrderTheyArriveIn() throws Exception {
        start();
        harness.processElement(offline("a", 50_000), 50_000);
        // a comes back at 110 s (its reading was read first); b went offline at 100 s: from
        // 100 s to 110 s two of three were offline
        harness.processElement(online("a", 110_000), 110_000);
        harness.processElement(offline("b", 100_000), 100_000);
        assertThat(gapChanges()).isEmpty();

        harness.processWatermark(200_000);
        assertThat(gapChanges()).containsExactly("open@100000", "clear@110000");
    }

    @Test
    void nothingIsDecidedBeforeTheWatermarkPassesIt() throws Exception {
        start();
        harness.processElement(offline("a", 50_000), 50_000);
        harness.processElement(offline("b", 50_000), 50_000);
        harness.processWatermark(49_999);
        assertThat(gapChanges()).isEmpty();
        harness.processWatermark(50_000);
        assertThat(gapChanges()).containsExactly("open@50000");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void withinOneInstantADeviceBackOnlineCountsBeforeOneGoingOffline() throws Exception {
        start();
        harness.processElement(offline("a", 10_000), 10_000);
        harness.processWatermark(10_000);
        // at 60 s, b goes offline as a comes back: never two of three offline at once
        harness.processElement(offline("b", 60_000), 60_000);
        harness.processElement(online("a", 60_000), 60_000);
        harness.processWatermark(60_000);
        assertThat(gapChanges()).isEmpty();
        harness.processElement(offline("c", 70_000), 70_000);
        harness.processWatermark(70_000);
        assertThat(gapChanges()).containsExactly("open@70000");
    }
}
