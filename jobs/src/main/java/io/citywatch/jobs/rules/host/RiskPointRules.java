package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The risk point rule host in the job, fed by the device events and the device rule host's matches
 * its units read, and the streams of its rules' matches.
 */
public final class RiskPointRules {
    /** The host operator's uid: its state holds every hosted unit's. */
    public static final String UID = "rules.risk-point";

    private RiskPointRules() {}

    /** The matches of hosted rule {@code ruleId}. */
    public static DataStream<RuleMatch> matchesOf(RuleInputs inputs, String ruleId) {
        if (units(inputs).stream().noneMatch(unit -> unit.ruleId().equals(ruleId))) {
            throw new IllegalStateException(ruleId + " is not hosted: list its rule in the job");
        }
        return DeviceRules.hostedMatches(host(inputs), ruleId);
    }

    /** The units the job registered, or the catalogue's (see {@link DeviceRules}). */
    private static List<RiskPointRuleUnit<?>> units(RuleInputs inputs) {
        if (inputs.riskPointUnits().isEmpty()) {
            inputs.hostUnitsOf(RuleCatalogue.all());
        }
        return inputs.riskPointUnits();
    }

    private static DataStream<RuleMatch> host(RuleInputs inputs) {
        return inputs.shared(
                UID,
                () -> {
                    List<RiskPointRuleUnit<?>> units = List.copyOf(units(inputs));
                    SingleOutputStreamOperator<RuleMatch> matches =
                            feeds(inputs, units)
                                    .keyBy(input -> input.riskPointId, Types.STRING)
                                    .process(new RiskPointRuleHost(units))
                                    .uid(UID)
                                    .name(UID + ": hosted risk-point rules");
                    inputs.reportPending(matches.getSideOutput(Pending.TAG));
                    return matches;
                });
    }

    /**
     * What the units read, before the shuffle by risk point: the device events and matches no unit
     * reads stay on their subtask.
     */
    private static DataStream<RiskPointInput> feeds(
            RuleInputs inputs, List<RiskPointRuleUnit<?>> units) {
        List<DataStream<RiskPointInput>> feeds = new ArrayList<>();
        if (units.stream().anyMatch(RiskPointRuleUnit::readsDeviceEvents)) {
            feeds.add(
                    feed(
                            inputs.deviceEvents(),
                            new Read<DeviceEvent>(
                                    units,
                                    event -> event.site == null ? null : RiskPointInput.of(event)),
                            "readings",
                            "device events its rules read"));
        }
        List<String> matchesRead = new ArrayList<>();
        units.forEach(unit -> matchesRead.addAll(unit.matchesRead()));
        if (!matchesRead.isEmpty()) {
            feeds.add(
                    feed(
                            DeviceRules.allMatchesOf(inputs, matchesRead),
                            new Read<RuleMatch>(
                                    units,
                                    match -> match.site == null ? null : RiskPointInput.of(match)),
                            "matches",
                            "device rule matches its rules read"));
        }
        DataStream<RiskPointInput> all = feeds.get(0);
        for (DataStream<RiskPointInput> more : feeds.subList(1, feeds.size())) {
            all = all.union(more);
        }
        return all;
    }

    private static <T> DataStream<RiskPointInput> feed(
            DataStream<T> stream, Read<T> read, String suffix, String what) {
        return stream.flatMap(read, TypeInformation.of(RiskPointInput.class))
                .uid(UID + "." + suffix)
                .name(UID + ": " + what);
    }

    /** A record as the input of its risk point; null for a record without one. */
    private interface Wrap<T> extends Serializable {
        RiskPointInput of(T record);
    }

    /** Passes on, as inputs, the records with a risk point that some unit reads. */
    private static final class Read<T> implements FlatMapFunction<T, RiskPointInput> {
        private final List<RiskPointRuleUnit<?>> units;
        private final Wrap<T> wrap;

        Read(List<RiskPointRuleUnit<?>> units, Wrap<T> wrap) {
            this.units = units;
            this.wrap = wrap;
        }

        @Override
        public void flatMap(T record, Collector<RiskPointInput> out) {
            RiskPointInput input = wrap.of(record);
            if (input == null) {
                return;
            }
            for (RiskPointRuleUnit<?> unit : units) {
                if (unit.reads(input)) {
                    out.collect(input);
                    return;
                }
            }
        }
    }
}
