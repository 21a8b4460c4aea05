package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.List;

/**
 * A per-risk-point rule that runs as a unit of the risk point rule host instead of an operator of
 * its own: listing it in the job's rules is its registration.
 */
public abstract class RiskPointHostedRule extends Rule {
    protected RiskPointHostedRule(String id) {
        super(id);
    }

    public abstract RiskPointRuleUnit<?> unit(RuleSettings settings);

    @Override
    public final List<RiskPointRuleUnit<?>> riskPointUnits(RuleSettings settings) {
        return List.of(unit(settings));
    }

    @Override
    public final DataStream<RuleMatch> matches(RuleInputs inputs) {
        return RiskPointRules.matchesOf(inputs, id());
    }
}
