package io.citywatch.jobs.rules.host;

/**
 * A unit with its rule and its field in the device's state fixed when it is built: what every unit
 * says the same way.
 */
public abstract class SlottedUnit<S> implements DeviceRuleUnit<S> {
    private final String ruleId;
    private final UnitSlot<S> slot;
    private final boolean inEventTimeOrder;

    protected SlottedUnit(String ruleId, UnitSlot<S> slot, boolean inEventTimeOrder) {
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
    public final S state(DeviceRuleState device) {
        return slot.of(device);
    }

    @Override
    public final void store(DeviceRuleState device, S state) {
        slot.store(device, state);
    }
}
