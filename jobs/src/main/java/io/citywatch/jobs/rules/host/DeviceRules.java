package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.device.OfflineUnit;
import io.citywatch.jobs.rules.device.SensorFaultUnit;
import io.citywatch.jobs.rules.device.StuckUnit;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.util.List;

/** The rules {@link DeviceRuleHost} runs in the job, and the streams of their matches. */
public final class DeviceRules {
    /** The host operator's uid: its state holds every hosted unit's. */
    public static final String UID = "rules.device";

    private DeviceRules() {}

    /** One line per hosted rule (and one field for its state in {@link DeviceRuleState}). */
    public static List<DeviceRuleUnit<?>> units(RuleSettings settings) {
        return List.of(
                new OfflineUnit(settings), new SensorFaultUnit(settings), new StuckUnit(settings));
    }

    /** The matches of hosted rule {@code ruleId}. */
    public static DataStream<RuleMatch> matchesOf(RuleInputs inputs, String ruleId) {
        return host(inputs)
                .filter(match -> ruleId.equals(match.ruleId))
                .uid(ruleId + ".hosted")
                .name(ruleId + ": matches");
    }

    /** Chained behind the registry join: keyed by device there already. */
    private static DataStream<RuleMatch> host(RuleInputs inputs) {
        return inputs.shared(
                UID,
                () -> {
                    SingleOutputStreamOperator<RuleMatch> matches =
                            RuleInputs.byDevice(inputs.deviceEvents(), event -> event.deviceId)
                                    .process(new DeviceRuleHost(units(inputs.settings())))
                                    .uid(UID)
                                    .name(UID + ": offline, sensor faults, stuck");
                    inputs.reportPending(matches.getSideOutput(Pending.TAG));
                    return matches;
                });
    }
}
