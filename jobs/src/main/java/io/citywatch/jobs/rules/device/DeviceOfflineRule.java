package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code device.offline} blue (per device): nothing from a device for more than {@code
 * offlinePeriods} × its risk point's reportingPeriodSec, including devices that never report.
 */
public class DeviceOfflineRule implements Rule {
    public static final String ID = "device.offline";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return of(inputs);
    }

    /** Shared with coverage.gap, which counts the offline devices of a risk point. */
    static DataStream<RuleMatch> of(RuleInputs inputs) {
        return inputs.shared(
                ID,
                () ->
                        inputs.wiring(ID)
                                .from(inputs.deviceEvents())
                                .byDevice(event -> event.deviceId)
                                .process(
                                        new OfflineDetector(inputs.settings()),
                                        "detector",
                                        "silence detector"));
    }
}
