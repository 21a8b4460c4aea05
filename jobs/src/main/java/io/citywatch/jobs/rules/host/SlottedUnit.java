package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;

/** A device unit with its rule and its field in the device's state fixed when it is built. */
public abstract class SlottedUnit<S>
        extends SlottedRuleUnit<DeviceEvent, DeviceRuleState, UnitContext, S>
        implements DeviceRuleUnit<S> {
    protected SlottedUnit(String ruleId, UnitSlot<S> slot, boolean inEventTimeOrder) {
        super(ruleId, slot, inEventTimeOrder);
    }
}
