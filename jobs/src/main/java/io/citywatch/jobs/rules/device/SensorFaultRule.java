package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

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
        SingleOutputStreamOperator<RuleMatch> matches =
                RuleInputs.byDevice(
                                inputs.deviceEvents()
                                        .filter(event -> event.isReading())
                                        .uid(ID + ".filter")
                                        .name(ID + ": readings"),
                                event -> event.deviceId)
                        .process(new SensorFaults(inputs.settings()))
                        .uid(ID + ".faults")
                        .name(ID + ": consecutive faults");
        inputs.reportPending(matches.getSideOutput(Pending.TAG));
        return matches;
    }
}
