package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.host.DeviceRules;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code device.stuck} blue (per device): a measuring sensor whose readings do not move (max − min
 * ≤ {@code stuckTolerance}) for {@code stuckMinutes} and {@code stuckReadings} readings. Clears
 * itself when the sensor moves again.
 */
public class StuckRule implements Rule {
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

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return DeviceRules.matchesOf(inputs, ID);
    }

    static boolean isWatched(DeviceEvent event) {
        return event.isValidReading() && TYPES.contains(event.reading.type);
    }
}
