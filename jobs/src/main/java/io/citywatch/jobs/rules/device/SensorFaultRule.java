package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.host.DeviceRules;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code device.sensor_fault} blue (per device): {@code faultReadings} (3) consecutive readings
 * outside the type's physical span. The one rule that reads the readings flagged as faults.
 */
public class SensorFaultRule implements Rule {
    public static final String ID = "device.sensor_fault";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return DeviceRules.matchesOf(inputs, ID);
    }
}
