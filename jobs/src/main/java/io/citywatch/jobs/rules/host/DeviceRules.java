package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

import java.util.List;

/** The device rule host in the job, and the streams of its rules' matches. */
public final class DeviceRules {
    /** The host operator's uid: its state holds every hosted unit's. */
    public static final String UID = "rules.device";

    private DeviceRules() {}

    /** The matches of hosted rule {@code ruleId}, for its rule and any other that reads them. */
    public static DataStream<RuleMatch> matchesOf(RuleInputs inputs, String ruleId) {
        return inputs.shared(
                ruleId + ".hosted",
                () -> hostedMatches(allMatchesOf(inputs, List.of(ruleId)), ruleId));
    }

    /**
     * Every match of the host, for a consumer that reads those of {@code ruleIds} (the risk point
     * rule host): no filter per rule on the way.
     */
    public static DataStream<RuleMatch> allMatchesOf(RuleInputs inputs, List<String> ruleIds) {
        for (String ruleId : ruleIds) {
            if (units(inputs).stream().noneMatch(unit -> unit.ruleId().equals(ruleId))) {
                throw new IllegalStateException(
                        ruleId + " is not hosted: list its rule in the job");
            }
        }
        return host(inputs);
    }

    /**
     * The matches of rule {@code ruleId} of a host's output: filter uid {@code <ruleId>.hosted}.
     */
    static DataStream<RuleMatch> hostedMatches(DataStream<RuleMatch> host, String ruleId) {
        return host.filter(match -> ruleId.equals(match.ruleId))
                .uid(ruleId + ".hosted")
                .name(ruleId + ": matches");
    }

    /**
     * What the host's units send on side output {@code tag}: the signals a CEP rule needs, from a
     * unit the rule registers ({@link io.citywatch.jobs.rules.Rule#deviceUnits}).
     */
    public static <T> DataStream<T> signals(RuleInputs inputs, OutputTag<T> tag) {
        return host(inputs).getSideOutput(tag);
    }

    /**
     * The units the job registered ({@link RuleInputs#host}, from its list of rules); a caller that
     * builds rules without registering any (the bench's rule tax) gets the catalogue's.
     */
    private static List<DeviceRuleUnit<?>> units(RuleInputs inputs) {
        if (inputs.hostedUnits().isEmpty()) {
            inputs.hostUnitsOf(RuleCatalogue.all());
        }
        return inputs.hostedUnits();
    }

    /** Chained behind the registry join: keyed by device there already. */
    private static SingleOutputStreamOperator<RuleMatch> host(RuleInputs inputs) {
        return (SingleOutputStreamOperator<RuleMatch>)
                inputs.shared(
                        UID,
                        () -> {
                            SingleOutputStreamOperator<RuleMatch> matches =
                                    RuleInputs.byDevice(
                                                    inputs.deviceEvents(), event -> event.deviceId)
                                            .process(new DeviceRuleHost(units(inputs)))
                                            .uid(UID)
                                            .name(UID + ": hosted device rules");
                            inputs.reportPending(matches.getSideOutput(Pending.TAG));
                            return matches;
                        });
    }
}
