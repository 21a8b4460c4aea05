package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code device.stuck} blue (per device): a measuring sensor whose readings do not move (max − min
 * ≤ {@code stuckTolerance}) for {@code stuckMinutes} and {@code stuckReadings} readings. Clears
 * itself when the sensor moves again.
 */
public class StuckRule extends HostedRule {
    public static final String ID = "device.stuck";

    /**
     * Continuous quantities that a working sensor never holds perfectly still (docs/contract.md
     * §4).
     */
    static final Set<SensorType> TYPES =
            EnumSet.of(
                    SensorType.WATER_LEVEL,
                    SensorType.TEMPERATURE,
                    SensorType.WATER_PRESSURE,
                    SensorType.DISPLACEMENT,
                    SensorType.TILT,
                    SensorType.CRACK_WIDTH,
                    SensorType.STRAIN);

    public StuckRule() {
        super(ID);
    }

    @Override
    public StuckUnit unit(RuleSettings settings) {
        return new StuckUnit(settings);
    }

    static boolean isWatched(DeviceEvent event) {
        return event.isValidReading() && TYPES.contains(event.reading.type);
    }
}
