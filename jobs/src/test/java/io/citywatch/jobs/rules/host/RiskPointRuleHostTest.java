package io.citywatch.jobs.rules.host;

import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.device.CoverageGapRule;
import io.citywatch.jobs.rules.device.CoverageState;
import io.citywatch.jobs.rules.device.DeviceOfflineRule;
import io.citywatch.jobs.rules.flood.UnderpassRule;
import io.citywatch.jobs.testing.Events;
import io.citywatch.jobs.testing.RiskPointHarness;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RiskPointRuleHostTest {
    private static final long MINUTE = 60_000;

    private final Site underpass = Events.site("rp-up", RiskPointKind.underpass, 2, Map.of());
    private final Site tower = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());

    private static RiskPointRuleUnit<?>[] units() {
        RuleSettings settings = RuleSettings.defaults();
        return new RiskPointRuleUnit<?>[] {
            new CoverageGapRule().unit(settings), new UnderpassRule().unit(settings)
        };
    }

    private DeviceEvent depth(String device, double cm, long minute) {
        return Events.reading(underpass, device, SensorType.WATER_DEPTH, cm, minute * MINUTE);
    }

    private static RuleMatch offline(Site site, String device, long minute) {
        long ts = minute * MINUTE;
        return RuleMatch.at(DeviceOfflineRule.ID, Scenario.device, site, ts, ts).perDevice(device);
    }

    /** Both rules at the underpass (its gauges go offline too), coverage.gap at the tower. */
    private void firstHalf(RiskPointHarness harness) throws Exception {
        harness.send(depth("dep-1", 15, 0));
        harness.send(depth("dep-2", 12, 0));
        harness.send(offline(tower, "a", 0));
        harness.send(depth("dep-1", 16, 1));
        harness.send(offline(underpass, "dep-2", 1));
        harness.send(offline(tower, "b", 2));
    }

    private void secondHalf(RiskPointHarness harness) throws Exception {
        harness.send(depth("dep-1", 2, 3));
        harness.send(depth("dep-1", 1, 4));
        harness.send(offline(underpass, "dep-1", 5));
        harness.watermark(10 * MINUTE);
    }

    private static String describe(RuleMatch match) {
        return match
                + " "
                + match.startTs
                + " "
                + match.message
                + " "
                + match.deviceIds
                + " "
                + match.evidence.size();
    }

    @Test
    void allHostedRulesOfARiskPointShareOneStateEntryAndOneTimer() throws Exception {
        try (RiskPointHarness harness = RiskPointHarness.of(units())) {
            firstHalf(harness);
            assertThat(harness.stateEntries()).as("one per risk point").isEqualTo(2);
            assertThat(harness.timers()).as("one per risk point").isEqualTo(2);
            harness.watermark(2 * MINUTE);
            assertThat(harness.stateEntries()).isEqualTo(2);
            assertThat(harness.timers()).as("the underpass's quiet time").isEqualTo(1);
            assertThat(harness.matches())
                    .extracting(match -> match.ruleId + "@" + match.locationKey)
                    .containsExactly(
                            CoverageGapRule.ID + "@rp-up",
                            UnderpassRule.ID + "@rp-up",
                            CoverageGapRule.ID + "@rp-t");
        }
    }

    @Test
    void theRiskPointStateAndTheInputArePojosFlinkSerializesWithoutKryo() {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false);
        for (Class<?> type : List.of(RiskPointRuleState.class, RiskPointInput.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).isInstanceOf(PojoTypeInfo.class);
            assertThat(info.createSerializer(config)).isNotNull(); // throws on a generic type
        }
    }

    @Test
    void aSnapshotCarriesHeldInputsLevelsAndOfflineDevicesOver() throws Exception {
        List<String> straight = new ArrayList<>();
        try (RiskPointHarness harness = RiskPointHarness.of(units())) {
            firstHalf(harness);
            harness.watermark(MINUTE);
            secondHalf(harness);
            harness.matches().forEach(match -> straight.add(describe(match)));
        }

        OperatorSubtaskState snapshot;
        List<String> restored = new ArrayList<>();
        try (RiskPointHarness before = RiskPointHarness.of(units())) {
            firstHalf(before);
            before.watermark(MINUTE); // the tower's second offline device still waits
            before.matches().forEach(match -> restored.add(describe(match)));
            snapshot = before.snapshot();
        }
        try (RiskPointHarness after = RiskPointHarness.restored(snapshot, units())) {
            secondHalf(after);
            after.matches().forEach(match -> restored.add(describe(match)));
        }

        assertThat(straight)
                .extracting(match -> match.substring(0, match.indexOf('@')))
                .containsExactly(
                        "RuleMatch{coverage.gap yellow rp-up ",
                        "RuleMatch{flood.underpass yellow rp-up ",
                        "RuleMatch{coverage.gap yellow rp-t ",
                        "RuleMatch{flood.underpass clear rp-up ");
        assertThat(restored).containsExactlyElementsOf(straight);
    }

    @Test
    void anInputNoUnitReadsLeavesNoState() throws Exception {
        try (RiskPointHarness harness = RiskPointHarness.of(units())) {
            harness.send(Events.reading(tower, "smoke-1", SensorType.SMOKE, 0.1, 0));
            harness.send(
                    RuleMatch.at(UnderpassRule.ID, Scenario.flood, underpass, 0, 0)
                            .perDevice("dep-1"));
            assertThat(harness.stateEntries()).isZero();
            assertThat(harness.timers()).isZero();
        }
    }

    @Test
    void aReadingRepeatedAtTheSameTimeCountsOnce() throws Exception {
        try (RiskPointHarness harness = RiskPointHarness.of(units())) {
            harness.send(depth("dep-1", 0, 0));
            harness.send(depth("dep-1", 15, 1));
            harness.send(depth("dep-1", 15, 1));
            harness.watermark(MINUTE);
            assertThat(harness.matches()).isEmpty();
            harness.send(depth("dep-1", 15, 2));
            harness.watermark(2 * MINUTE);
            assertThat(harness.matches())
                    .extracting(match -> match.startTs)
                    .containsExactly(MINUTE);
        }
    }

    @Test
    void aDueTimeBeyondTheClockStopIsReportedAsPending() throws Exception {
        try (RiskPointHarness harness = RiskPointHarness.of(new Deadline())) {
            harness.send(offline(tower, "a", 0));
            harness.watermark(Long.MAX_VALUE);
            assertThat(harness.pending())
                    .singleElement()
                    .satisfies(
                            pending -> {
                                assertThat(pending.ruleId).isEqualTo("test.deadline");
                                assertThat(pending.key).isEqualTo("rp-t");
                                assertThat(pending.dueTs).isEqualTo(Deadline.AFTER);
                            });
            assertThat(harness.stateEntries()).isZero();
        }
    }

    /** A unit whose state falls due once, past any replay's end, as a unit with a timeout would. */
    private static final class Deadline extends SlottedRiskPointUnit<CoverageState> {
        static final long AFTER = 1_000_000;

        Deadline() {
            super("test.deadline", RiskPointRuleState.COVERAGE, false);
        }

        @Override
        public List<String> matchesRead() {
            return List.of(DeviceOfflineRule.ID);
        }

        @Override
        public CoverageState onEvent(
                CoverageState state, RiskPointInput input, RiskPointContext context) {
            return new CoverageState();
        }

        @Override
        public long due(CoverageState state) {
            return AFTER;
        }

        @Override
        public CoverageState onDue(CoverageState state, long due, RiskPointContext context) {
            context.pending(due);
            return null;
        }
    }
}
