package io.citywatch.jobs.rules.host;

import java.io.Serializable;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where one unit's state sits in a device's {@link DeviceRuleState}: its field, read and written.
 * The slots are {@link DeviceRuleState}'s constants, next to their fields.
 */
public record UnitSlot<S>(Get<S> get, Set<S> set) implements Serializable {
    public interface Get<S> extends Function<DeviceRuleState, S>, Serializable {}

    public interface Set<S> extends BiConsumer<DeviceRuleState, S>, Serializable {}

    public S of(DeviceRuleState device) {
        return get.apply(device);
    }

    public void store(DeviceRuleState device, S state) {
        set.accept(device, state);
    }
}
