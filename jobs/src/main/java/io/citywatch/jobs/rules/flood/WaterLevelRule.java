package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;

/**
 * {@code flood.water_level} (per device): river stage against the registry's warning, guarantee and
 * record levels, with hysteresis. A level rule: it clears its own episodes.
 */
public class WaterLevelRule extends HostedRule {
    public static final String ID = "flood.water_level";

    public WaterLevelRule() {
        super(ID);
    }

    @Override
    public WaterLevelUnit unit(RuleSettings settings) {
        return new WaterLevelUnit(settings);
    }

    static boolean isInput(DeviceEvent event) {
        return event.isValidReading() && event.reading.type == SensorType.WATER_LEVEL;
    }
}
