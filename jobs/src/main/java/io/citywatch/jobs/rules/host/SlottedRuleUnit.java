package io.citywatch.jobs.rules.host;

/**
 * A unit with its rule and its field in the key's state fixed when it is built: what every unit
 * says the same way.
 */
public abstract class SlottedRuleUnit<IN, H, C, S> implements RuleUnit<IN, H, C, S> {
    private final String ruleId;
    private final Slot<H, S> slot;
    private final boolean inEventTimeOrder;

    protected SlottedRuleUnit(String ruleId, Slot<H, S> slot, boolean inEventTimeOrder) {
        this.ruleId = ruleId;
        this.slot = slot;
        this.inEventTimeOrder = inEventTimeOrder;
    }

    @Override
    public final String ruleId() {
        return ruleId;
    }

    @Override
    public final boolean inEventTimeOrder() {
        return inEventTimeOrder;
    }

    @Override
    public final S state(H holder) {
        return slot.of(holder);
    }

    @Override
    public final void store(H holder, S state) {
        slot.store(holder, state);
    }
}
