package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.List;

/**
 * A per-device rule that runs as a unit of the device rule host instead of an operator of its own:
 * listing it in the job's rules is its registration.
 */
public abstract class HostedRule extends Rule {
    protected HostedRule(String id) {
        super(id);
    }

    public abstract DeviceRuleUnit<?> unit(RuleSettings settings);

    @Override
    public final List<DeviceRuleUnit<?>> deviceUnits(RuleSettings settings) {
        return List.of(unit(settings));
    }

    @Override
    public final DataStream<RuleMatch> matches(RuleInputs inputs) {
        return DeviceRules.matchesOf(inputs, id());
    }
}
