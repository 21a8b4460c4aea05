package io.citywatch.jobs.rules.host;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.device.DeviceOfflineRule;
import io.citywatch.jobs.rules.device.OfflineUnit;
import io.citywatch.jobs.rules.device.SensorFaultRule;
import io.citywatch.jobs.rules.device.SensorFaultUnit;
import io.citywatch.jobs.rules.device.StuckRule;
import io.citywatch.jobs.rules.device.StuckUnit;
import io.citywatch.jobs.rules.flood.RapidRiseRule;
import io.citywatch.jobs.rules.flood.WaterLevelRule;
import io.citywatch.jobs.rules.geo.CrackJumpRule;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.KeyedHarness;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeviceRuleHostTest {
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;

    private final Site station =
            Events.site(
                    "rp-river",
                    RiskPointKind.river_station,
                    2,
                    Map.of(
                            "flood.warningLevel", 3.0,
                            "device.offlinePeriods", 5.0,
                            "coverage.gapRatio", 0.3));

    private static KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeviceRuleHost(units(RuleSettings.defaults()))),
                event -> event.deviceId,
                Types.STRING);
    }

    private static List<DeviceRuleUnit<?>> units(RuleSettings settings) {
        return List.of(
                new OfflineUnit(settings), new SensorFaultUnit(settings), new StuckUnit(settings));
    }

    private static void send(
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness,
            DeviceEvent event)
            throws Exception {
        harness.processElement(event, event.ts);
    }

    private DeviceEvent level(String device, double value, long minute) {
        return Events.reading(station, device, SensorType.WATER_LEVEL, value, minute * MINUTE);
    }

    /** A stuck gauge and a faulty one, in two halves; the offline deadlines run past both. */
    private List<DeviceEvent> firstHalf() {
        List<DeviceEvent> events = new ArrayList<>();
        for (int minute = 0; minute <= 30; minute += 10) {
            events.add(level("stuck-1", 20.0, minute));
        }
        events.add(level("faulty-1", 99_999, 28));
        events.add(level("faulty-1", 99_999, 29));
        return events;
    }

    private List<DeviceEvent> secondHalf() {
        return List.of(level("stuck-1", 20.0, 40), level("faulty-1", 99_999, 30));
    }

    private static String describe(RuleMatch match) {
        return match + " " + match.startTs + " " + match.message + " " + match.evidence.size();
    }

    @Test
    void allHostedRulesOfADeviceShareOneStateEntryAndOneTimer() throws Exception {
        try (var harness = harness()) {
            harness.open();
            for (DeviceEvent event : firstHalf()) {
                send(harness, event);
            }
            assertThat(harness.numKeyedStateEntries()).as("one per device").isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).as("one per device").isEqualTo(2);
            harness.processWatermark(30 * MINUTE);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
            assertThat(harness.numEventTimeTimers()).isEqualTo(2);
        }
    }

    @Test
    void theDeviceStateIsAPojoFlinkSerializesWithoutKryo() {
        TypeInformation<DeviceRuleState> type = TypeInformation.of(DeviceRuleState.class);
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(type.createSerializer(config)).isNotNull(); // throws on a generic type
    }

    @Test
    void aSnapshotCarriesHeldReadingsRunsAndDeadlinesOver() throws Exception {
        List<String> straight = new ArrayList<>();
        try (var harness = harness()) {
            harness.open();
            firstHalf().forEach(event -> sendQuietly(harness, event));
            harness.processWatermark(29 * MINUTE);
            secondHalf().forEach(event -> sendQuietly(harness, event));
            harness.processWatermark(60 * MINUTE);
            harness.extractOutputValues().forEach(match -> straight.add(describe(match)));
        }

        OperatorSubtaskState snapshot;
        List<String> restored = new ArrayList<>();
        try (var before = harness()) {
            before.open();
            firstHalf().forEach(event -> sendQuietly(before, event));
            before.processWatermark(29 * MINUTE);
            before.extractOutputValues().forEach(match -> restored.add(describe(match)));
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            secondHalf().forEach(event -> sendQuietly(after, event));
            after.processWatermark(60 * MINUTE);
            after.extractOutputValues().forEach(match -> restored.add(describe(match)));
        }

        assertThat(straight)
                .anyMatch(match -> match.startsWith("RuleMatch{" + StuckRule.ID + " blue"))
                .anyMatch(match -> match.startsWith("RuleMatch{" + SensorFaultRule.ID + " blue"))
                .anyMatch(match -> match.startsWith("RuleMatch{" + DeviceOfflineRule.ID));
        assertThat(restored).containsExactlyElementsOf(straight);
    }

    private static void sendQuietly(
            KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch> harness,
            DeviceEvent event) {
        try {
            send(harness, event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRuleAddedToTheHostStartsEmptyBesideTheStateOfASnapshotWithoutIt() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before =
                new KeyedOneInputStreamOperatorTestHarness<String, DeviceEvent, RuleMatch>(
                        new KeyedProcessOperator<>(
                                new DeviceRuleHost(
                                        List.of(new OfflineUnit(RuleSettings.defaults())))),
                        event -> event.deviceId,
                        Types.STRING)) {
            before.open();
            send(before, level("stuck-1", 20.0, 0));
            before.processWatermark(MINUTE);
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            for (int minute = 4; minute <= 44; minute += 4) {
                send(after, level("stuck-1", 20.0, minute));
            }
            after.processWatermark(44 * MINUTE);

            assertThat(after.extractOutputValues())
                    .extracting(match -> match.ruleId + "@" + match.startTs / MINUTE)
                    .as("offline kept its deadline; stuck counts from its first reading")
                    .containsExactly(StuckRule.ID + "@4");
            after.processWatermark(49 * MINUTE + 1);
            assertThat(after.extractOutputValues())
                    .extracting(match -> match.ruleId + "@" + match.detectTs)
                    .contains(DeviceOfflineRule.ID + "@" + (49 * MINUTE + 1));
        }
    }

    @Test
    void aDeviceThatLeavesTheRegistryLeavesNoStateAndNoTimerOnceItsReadingsAreForgotten()
            throws Exception {
        try (var harness = harness()) {
            harness.open();
            send(harness, Events.registered(station, "stuck-1", SensorType.WATER_LEVEL));
            send(harness, level("stuck-1", 20.0, 0));
            DeviceEvent gone = new DeviceEvent();
            gone.kind = DeviceEventKind.UNREGISTERED;
            gone.deviceId = "stuck-1";
            send(harness, gone);
            harness.processWatermark(DAY - 1);
            assertThat(harness.numKeyedStateEntries()).as("device.stuck's run").isEqualTo(1);
            harness.processWatermark(DAY);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void readingsEveryMinuteKeepOneTimerInsteadOfOnePerReadingAndRule() throws Exception {
        try (var harness = harness()) {
            harness.open();
            for (int minute = 0; minute < 10; minute++) {
                send(harness, level("gauge-1", 20.0 + minute, minute));
            }
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void aReadingWaitingWhileTheRegistryRenamesItsRiskPointKeepsTheOneItCameWith()
            throws Exception {
        Site renamed = Events.site("rp-river", RiskPointKind.river_station, 2, Map.of());
        renamed.name = "RIVER BRIDGE";
        try (var harness = harness()) {
            harness.open();
            send(harness, level("faulty-1", 99_999, 0));
            send(harness, level("faulty-1", 99_999, 1));
            send(harness, level("faulty-1", 99_999, 2));
            send(harness, Events.registered(renamed, "faulty-1", SensorType.WATER_LEVEL));
            harness.processWatermark(2 * MINUTE);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            match -> {
                                assertThat(match.ruleId).isEqualTo(SensorFaultRule.ID);
                                assertThat(match.site.name).isEqualTo(station.name);
                            });
        }
    }

    @Test
    void aThresholdChangedInTheRegistryReachesTheKeptRiskPoint() throws Exception {
        Site patient =
                Events.site(
                        station.riskPointId,
                        station.kind,
                        station.deviceCount,
                        Map.of(
                                "flood.warningLevel", 3.0,
                                "device.offlinePeriods", 10.0,
                                "coverage.gapRatio", 0.3));
        try (var harness = harness()) {
            harness.open();
            send(harness, level("gauge-1", 20.0, 0));
            send(harness, Events.registered(patient, "gauge-1", SensorType.WATER_LEVEL));
            harness.processWatermark(10 * MINUTE);
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processWatermark(10 * MINUTE + 1);
            assertThat(harness.extractOutputValues())
                    .extracting(match -> match.ruleId + "@" + match.detectTs)
                    .containsExactly(DeviceOfflineRule.ID + "@" + (10 * MINUTE + 1));
        }
    }

    @Test
    void anOfflineMatchCarriesTheWholeRiskPointThoughTheDeviceKeepsOnlyItsId() throws Exception {
        try (var harness = harness()) {
            harness.open();
            send(harness, level("gauge-1", 20.0, 0));
            harness.processWatermark(5 * MINUTE + 1);

            assertThat(harness.extractOutputValues())
                    .singleElement()
                    .satisfies(
                            offline -> {
                                assertThat(offline.ruleId).isEqualTo(DeviceOfflineRule.ID);
                                assertThat(offline.level).isEqualTo(AlertLevel.blue);
                                assertThat(offline.detectTs).isEqualTo(5 * MINUTE + 1);
                                assertThat(offline.site).isEqualTo(station);
                            });
        }
    }

    @Test
    void aDeviceTheRegistryNoLongerAnnouncesAfterARestoreIsDroppedNotJudgedWithoutItsRiskPoint()
            throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = harness()) {
            before.open();
            send(before, level("gauge-1", 20.0, 0));
            snapshot = before.snapshot(1, 1);
        }
        try (var after = harness()) {
            after.initializeState(snapshot);
            after.open();
            assertThat(after.numKeyedStateEntries()).isEqualTo(1);
            after.processWatermark(DAY);

            assertThat(after.extractOutputValues()).isEmpty();
            assertThat(after.numKeyedStateEntries()).isZero();
            assertThat(after.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aRegistryFloodStageReachesTheHostedRulesOfTheGauge() throws Exception {
        Site river =
                Events.site(
                        "rp-river",
                        RiskPointKind.river_station,
                        2,
                        Map.of(
                                "flood.warning", 30.0,
                                "flood.rapidRise", 0.5,
                                "device.offlinePeriods", 5.0));
        RuleSettings settings = RuleSettings.defaults();
        List<DeviceRuleUnit<?>> units =
                List.of(
                        new OfflineUnit(settings),
                        new WaterLevelRule().unit(settings),
                        new RapidRiseRule().unit(settings));
        try (var harness = KeyedHarness.open(new DeviceRuleHost(units), event -> event.deviceId)) {
            send(harness, Events.reading(river, "gauge-1", SensorType.WATER_LEVEL, 29.6, 0));
            send(harness, Events.reading(river, "rain-1", SensorType.RAINFALL, 0.5, 0));
            send(harness, Events.reading(river, "gauge-1", SensorType.WATER_LEVEL, 30.1, MINUTE));
            harness.processWatermark(MINUTE);

            // the registry's warning (no default) and its rapid rise of 0.5 m (default 1.0)
            assertThat(harness.extractOutputValues())
                    .extracting(match -> match.ruleId + " " + match.level)
                    .containsExactlyInAnyOrder(
                            WaterLevelRule.ID + " yellow", RapidRiseRule.ID + " orange");
            assertThat(harness.extractOutputValues().get(0).site.thresholds)
                    .containsOnlyKeys("flood.warning", "flood.rapidRise", "device.offlinePeriods");

            harness.processWatermark(5 * MINUTE + 1);
            assertThat(harness.extractOutputValues())
                    .filteredOn(match -> match.ruleId.equals(DeviceOfflineRule.ID))
                    .singleElement()
                    .satisfies(
                            offline -> {
                                assertThat(offline.deviceId).isEqualTo("rain-1");
                                assertThat(offline.site).isEqualTo(river);
                            });
        }
    }

    @Test
    void aRegistryCrackJumpReachesTheHostedRule() throws Exception {
        Site slope = Events.site("rp-slope", RiskPointKind.slope, 1, Map.of("geo.crackJump", 0.5));
        List<DeviceRuleUnit<?>> units = List.of(new CrackJumpRule().unit(RuleSettings.defaults()));
        try (var harness = KeyedHarness.open(new DeviceRuleHost(units), event -> event.deviceId)) {
            send(harness, Events.reading(slope, "crk-1", SensorType.CRACK_WIDTH, 5.0, 0));
            send(harness, Events.reading(slope, "crk-1", SensorType.CRACK_WIDTH, 5.5, MINUTE));
            harness.processWatermark(MINUTE);
            assertThat(harness.extractOutputValues())
                    .extracting(match -> match.ruleId)
                    .containsExactly(CrackJumpRule.ID);
        }
    }
}
