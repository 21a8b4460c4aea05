package io.citywatch.jobs.rules.fire;

import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.DeviceRules;
import io.citywatch.jobs.testing.CepHarness;
import io.citywatch.jobs.testing.Events;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FireConfirmedRuleTest {
    private static final long SECOND = 1000;
    private final Site tower = Events.site("rp-t", RiskPointKind.high_rise, 3, Map.of());

    private FireSignal alarm(String device, String zone, long ts) {
        FireSignal signal = new FireSignal();
        signal.deviceId = device;
        signal.zone = zone;
        signal.site = tower;
        signal.evidence = new Evidence();
        signal.ts = ts;
        return signal;
    }

    private FireSignal incident(long ts) {
        FireSignal signal = new FireSignal();
        signal.incidentId = "inc-1";
        signal.site = tower;
        signal.ts = ts;
        return signal;
    }

    private static CepHarness<FireSignal> harness() throws Exception {
        return CepHarness.of(
                FireSignal.class,
                signal -> signal.site.riskPointId,
                signal -> signal.ts,
                FireConfirmedRule.ticks(),
                FireConfirmedRule.pattern(),
                null,
                new FireConfirmedRule.Confirm(RuleSettings.defaults()));
    }

    @Test
    void twoDetectorsThroughThePatternAreOneRedMatch() throws Exception {
        try (CepHarness<FireSignal> harness = harness()) {
            harness.processElement(alarm("a", "F1", 0));
            harness.processElement(alarm("b", "F1", 100 * SECOND));
            harness.processWatermark(
                    FireConfirmedRule.MAX_CONFIRM_WINDOW.toMillis() + 100 * SECOND);
            assertThat(harness.matches())
                    .singleElement()
                    .satisfies(
                            (RuleMatch m) -> {
                                assertThat(m.deviceIds).containsExactly("a", "b");
                                assertThat(m.detectTs).isEqualTo(100 * SECOND);
                            });
        }
    }

    @Test
    void forgetsTheAlarmOfARiskPointThatGoesQuietOnceThePatternWindowHasPassed() throws Exception {
        try (CepHarness<FireSignal> harness = harness()) {
            harness.processElement(alarm("a", "F1", 0));
            harness.processWatermark(SECOND);
            assertThat(harness.stateEntries())
                    .as("a partial match waits for a second signal")
                    .isPositive();

            harness.processWatermark(FireConfirmedRule.MAX_CONFIRM_WINDOW.toMillis());
            assertThat(harness.matches()).isEmpty();
            assertThat(harness.stateEntries()).isZero();
            assertThat(harness.timers()).isZero();
        }
    }

    @Test
    void twoDifferentDetectorsOfOneZoneConfirmWithinTheWindowInclusive() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), alarm("b", "F1", 180 * SECOND)))
                .isTrue();
        assertThat(
                        FireConfirmedRule.confirms(
                                alarm("a", "F1", 0), alarm("b", "F1", 180 * SECOND + 1)))
                .isFalse();
    }

    @Test
    void oneDetectorRepeatingItselfNeverConfirms() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), alarm("a", "F1", 10 * SECOND)))
                .isFalse();
    }

    @Test
    void detectorsOnDifferentFloorsDoNotConfirmEachOther() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), alarm("b", "F2", 10 * SECOND)))
                .isFalse();
    }

    @Test
    void withoutZonesTheWholeRiskPointIsOneZone() {
        assertThat(FireConfirmedRule.confirms(alarm("a", null, 0), alarm("b", null, 10 * SECOND)))
                .isTrue();
    }

    @Test
    void anAlarmAndAnIncidentConfirmInEitherOrderButTwoIncidentsDoNot() {
        assertThat(FireConfirmedRule.confirms(alarm("a", "F1", 0), incident(100 * SECOND)))
                .isTrue();
        assertThat(FireConfirmedRule.confirms(incident(0), alarm("a", "F1", 100 * SECOND)))
                .isTrue();
        assertThat(FireConfirmedRule.confirms(incident(0), incident(10 * SECOND))).isFalse();
    }

    @Test
    void aRiskPointOverrideWidensTheWindowUpToThePatternLimit() {
        Site slow =
                Events.site(
                        "rp-t", RiskPointKind.high_rise, 3, Map.of("fire.confirmWindow", 300.0));
        FireSignal a = alarm("a", "F1", 0);
        a.site = slow;
        FireSignal b = alarm("b", "F1", 299 * SECOND);
        b.site = slow;
        assertThat(FireConfirmedRule.confirms(a, b)).isTrue();
    }

    @Test
    void theDetectorUnitRunsInTheHostForAJobWithoutFireDetectorAlarm() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        RuleInputs inputs =
                new RuleInputs(
                        env.fromData(List.of(), TypeInformation.of(DeviceEvent.class)),
                        env.fromData(List.of(), TypeInformation.of(IncidentEvent.class)),
                        RuleSettings.defaults());
        inputs.hostUnitsOf(List.of(new FireConfirmedRule()));
        new FireConfirmedRule().matches(inputs);

        assertThat(inputs.hostedUnits())
                .singleElement()
                .isInstanceOf(DetectorAlarmUnit.class)
                .extracting(DeviceRuleUnit::ruleId)
                .isEqualTo(DetectorAlarmRule.ID);
        assertThat(env.getStreamGraph().getStreamNodes())
                .extracting(StreamNode::getTransformationUID)
                .contains(DeviceRules.UID, "fire.confirmed.alarms");
    }
}
