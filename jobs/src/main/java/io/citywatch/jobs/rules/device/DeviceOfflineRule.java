package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRules;
import io.citywatch.jobs.rules.host.HostedRule;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code device.offline} blue (per device): nothing from a device for more than {@code
 * offlinePeriods} × its risk point's reportingPeriodSec, including devices that never report.
 * Hosted by the device rule host ({@link OfflineUnit}).
 */
public class DeviceOfflineRule implements HostedRule {
    public static final String ID = "device.offline";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public OfflineUnit unit(RuleSettings settings) {
        return new OfflineUnit(settings);
    }

    @Override
    public DataStream<RuleMatch> matches(RuleInputs inputs) {
        return of(inputs);
    }

    /** Shared with coverage.gap, which counts the offline devices of a risk point. */
    static DataStream<RuleMatch> of(RuleInputs inputs) {
        return inputs.shared(ID, () -> DeviceRules.matchesOf(inputs, ID));
    }
}
