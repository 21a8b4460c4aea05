package io.citywatch.jobs.rules.host;

/** Where one unit's state sits in a device's {@link DeviceRuleState}. */
public final class UnitSlot<S> extends Slot<DeviceRuleState, S> {
    public UnitSlot(Get<DeviceRuleState, S> get, Set<DeviceRuleState, S> set) {
        super(get, set);
    }
}
