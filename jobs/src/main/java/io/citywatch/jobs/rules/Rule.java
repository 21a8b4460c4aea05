package io.citywatch.jobs.rules;

import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.RiskPointRuleUnit;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.io.Serializable;
import java.util.List;

/**
 * One rule of the catalogue (docs/contract.md §4): a CEP pattern or a keyed function over the job's
 * event streams, its parameters with defaults, its alert text. Adding a rule is one class and one
 * line in {@link RuleCatalogue}. Serializable because a rule may be its own unit's logic.
 */
public abstract class Rule implements Serializable {
    private final String id;

    /**
     * @param id the ruleId of docs/contract.md §4, e.g. {@code fire.confirmed}; also the prefix of
     *     the rule's operator uids
     */
    protected Rule(String id) {
        this.id = id;
    }

    public final String id() {
        return id;
    }

    public abstract DataStream<RuleMatch> matches(RuleInputs inputs);

    /**
     * The units this rule needs in the device rule host: its own, or those whose signals it reads
     * ({@link io.citywatch.jobs.rules.host.DeviceRules#signals}); a unit two rules need runs once.
     */
    public List<DeviceRuleUnit<?>> deviceUnits(RuleSettings settings) {
        return List.of();
    }

    /** The units this rule needs in the risk point rule host: its own, if it is one. */
    public List<RiskPointRuleUnit<?>> riskPointUnits(RuleSettings settings) {
        return List.of();
    }
}
