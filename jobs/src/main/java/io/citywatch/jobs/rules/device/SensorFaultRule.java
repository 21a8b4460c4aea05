package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;

/**
 * {@code device.sensor_fault} blue (per device): {@code faultReadings} (3) consecutive readings
 * outside the type's physical span. The one rule that reads the readings flagged as faults.
 */
public class SensorFaultRule extends HostedRule {
    public static final String ID = "device.sensor_fault";

    public SensorFaultRule() {
        super(ID);
    }

    @Override
    public SensorFaultUnit unit(RuleSettings settings) {
        return new SensorFaultUnit(settings);
    }
}
