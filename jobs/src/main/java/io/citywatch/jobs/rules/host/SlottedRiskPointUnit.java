package io.citywatch.jobs.rules.host;

/**
 * A risk point unit with its rule and its field in the risk point's state fixed when it is built.
 */
public abstract class SlottedRiskPointUnit<S>
        extends SlottedRuleUnit<RiskPointInput, RiskPointRuleState, RiskPointContext, S>
        implements RiskPointRuleUnit<S> {
    protected SlottedRiskPointUnit(
            String ruleId, Slot<RiskPointRuleState, S> slot, boolean inEventTimeOrder) {
        super(ruleId, slot, inEventTimeOrder);
    }
}
