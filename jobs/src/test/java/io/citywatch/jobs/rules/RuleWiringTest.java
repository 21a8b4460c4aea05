package io.citywatch.jobs.rules;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.rules.device.CoverageGapRule;
import io.citywatch.jobs.rules.flood.RainstormRule;
import io.citywatch.jobs.rules.geo.RainfallRule;
import io.citywatch.jobs.rules.host.DeviceRules;
import io.citywatch.jobs.rules.host.RiskPointRules;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.transformations.SideOutputTransformation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' operators as savepoints know them, and where their timers beyond a replay go. */
class RuleWiringTest {
    /**
     * "uid | name" of every operator the catalogue's rules build, as released: a savepoint restores
     * each operator's state by its uid, so this list only grows, except where an upgrade path is
     * documented.
     */
    private static final List<String> RELEASED =
            List.of(
                    // the three streak rules moved into the host too (issue 12): their
                    // .filter and .streaks uids are gone (docs/OPERATIONS.md)
                    "bridge.structure.hosted | bridge.structure: matches",
                    // coverage.gap and flood.underpass moved into the risk point rule host
                    // (issue 12): their .filter, .coverage and .depths uids are gone
                    // (docs/OPERATIONS.md)
                    "coverage.gap.hosted | coverage.gap: matches",
                    "flood.underpass.hosted | flood.underpass: matches",
                    "rules.risk-point | rules.risk-point: hosted risk-point rules",
                    "rules.risk-point.matches | rules.risk-point: device rule matches its rules read",
                    "rules.risk-point.readings | rules.risk-point: device events its rules read",
                    // the three device-health rules moved into the host (issue 12): their old
                    // uids are gone, docs/OPERATIONS.md says what a savepoint of before needs
                    "device.offline.hosted | device.offline: matches",
                    "device.sensor_fault.hosted | device.sensor_fault: matches",
                    "device.stuck.hosted | device.stuck: matches",
                    // and flood.water_level, flood.rapid_rise, geo.crack_jump after them
                    "flood.rapid_rise.hosted | flood.rapid_rise: matches",
                    "flood.water_level.hosted | flood.water_level: matches",
                    "geo.crack_jump.hosted | geo.crack_jump: matches",
                    // then the rain and slope-movement rules: the shared rain sums and tangent
                    // angles, the levels, the streak and the CEP's signal filters are gone
                    "flood.rainstorm.hosted | flood.rainstorm: matches",
                    "geo.displacement.hosted | geo.displacement: matches",
                    "geo.rainfall.hosted | geo.rainfall: matches",
                    "rules.device | rules.device: hosted device rules",
                    "fire.confirmed.alarms | fire.confirmed: alarms",
                    "fire.confirmed.cep | fire.confirmed: CEP",
                    "fire.confirmed.clock-stop | fire.confirmed: clock stop",
                    "fire.confirmed.incident-signals | fire.confirmed: incident signals",
                    "fire.confirmed.incidents | fire.confirmed: fire incidents",
                    "fire.confirmed.ticks | fire.confirmed: window-end ticks",
                    // fire.detector_alarm moved into the host, sending fire.confirmed its alarms:
                    // fire.detectors.filter, fire.detectors.alarms and .match are gone
                    "fire.detector_alarm.hosted | fire.detector_alarm: matches",
                    "fire.pump_failed.cep | fire.pump_failed: CEP",
                    "fire.pump_failed.clock-stop | fire.pump_failed: clock stop",
                    "fire.pump_failed.filter | fire.pump_failed: pressures and pumps",
                    "fire.pump_failed.pending | fire.pump_failed: pending at clock stop",
                    "fire.pump_failed.ticks | fire.pump_failed: window-end ticks",
                    "fire.water_supply_low.hosted | fire.water_supply_low: matches",
                    "gas.concentration.hosted | gas.concentration: matches",
                    "gas.spread.cep | gas.spread: CEP",
                    "gas.spread.filter | gas.spread: methane alarms",
                    "gas.spread.ticks | gas.spread: window-end ticks",
                    "geo.rain_then_movement.cep | geo.rain_then_movement: CEP",
                    "geo.rain_then_movement.clock-stop | geo.rain_then_movement: clock stop",
                    "geo.rain_then_movement.ticks | geo.rain_then_movement: window-end ticks",
                    "incident.cluster.clusters | incident.cluster: clusters",
                    "incident.unacknowledged.clock | incident.unacknowledged: acknowledgement clock",
                    "incident.unacknowledged.places | incident.unacknowledged: unacknowledged per place");

    @Test
    void everyRuleOperatorKeepsTheUidAndNameOfTheReleasedVersion() {
        StreamExecutionEnvironment env = environment();
        RuleInputs inputs = inputs(env);
        List<DataStream<RuleMatch>> matches = new ArrayList<>();
        for (Rule rule : RuleCatalogue.all()) {
            matches.add(rule.matches(inputs));
        }
        DataStream<RuleMatch> all = matches.get(0);
        for (DataStream<RuleMatch> more : matches.subList(1, matches.size())) {
            all = all.union(more);
        }
        all.sinkTo(new DiscardingSink<>()).uid("test.matches");
        StreamGraph graph = env.getStreamGraph();

        List<String> operators = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (!node.getTransformationUID().startsWith("test.")) {
                operators.add(node.getTransformationUID() + " | " + node.getOperatorName());
            }
        }
        assertThat(operators).containsExactlyInAnyOrderElementsOf(RELEASED);
    }

    @Test
    void theRainRulesReportTheClearsTheyCannotFireBeforeTheClockStops() {
        for (Rule rule : List.of(new RainfallRule(), new RainstormRule())) {
            RuleInputs inputs = inputs(environment());
            rule.matches(inputs);

            assertThat(inputs.pendingTimeouts())
                    .as(rule.id())
                    .extracting(RuleWiringTest::sideOutputOf)
                    .contains(DeviceRules.UID + "#" + Pending.TAG.getId());
        }
    }

    @Test
    void theRiskPointHostReportsTheTimersItCannotFireBeforeTheClockStops() {
        RuleInputs inputs = inputs(environment());
        new CoverageGapRule().matches(inputs);

        assertThat(inputs.pendingTimeouts())
                .extracting(RuleWiringTest::sideOutputOf)
                .contains(RiskPointRules.UID + "#" + Pending.TAG.getId());
    }

    /** "uid#tag" of the operator whose side output {@code stream} is, else its own uid. */
    private static String sideOutputOf(DataStream<PendingTimeout> stream) {
        Transformation<PendingTimeout> transformation = stream.getTransformation();
        if (transformation instanceof SideOutputTransformation<PendingTimeout> side) {
            return side.getInputs().get(0).getUid() + "#" + side.getOutputTag().getId();
        }
        return transformation.getUid();
    }

    private static StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // the rules chain to their input without a shuffle, which needs equal parallelism
        env.setParallelism(1);
        return env;
    }

    private static RuleInputs inputs(StreamExecutionEnvironment env) {
        return new RuleInputs(
                env.fromData(List.of(), TypeInformation.of(DeviceEvent.class))
                        .uid("test.device-events"),
                env.fromData(List.of(), TypeInformation.of(IncidentEvent.class))
                        .uid("test.incidents"),
                RuleSettings.defaults());
    }
}
