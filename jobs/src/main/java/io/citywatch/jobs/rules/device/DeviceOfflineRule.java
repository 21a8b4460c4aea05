package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;

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
}
