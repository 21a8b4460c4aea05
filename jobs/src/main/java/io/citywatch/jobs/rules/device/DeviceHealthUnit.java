package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitSlot;

/** An event-time device-health rule: its alerts are per device and clear themselves. */
abstract class DeviceHealthUnit<S extends OrderedState> extends OrderedReadingsUnit<S> {
    DeviceHealthUnit(
            RuleSettings settings, String ruleId, Reads reads, UnitSlot<S> slot, Fresh<S> fresh) {
        super(settings, ruleId, reads, slot, fresh);
    }

    /** A match of this unit's rule at one device. */
    RuleMatch deviceMatch(String deviceId, Site site, long startTs, long detectTs) {
        RuleMatch match =
                RuleMatch.at(ruleId(), Scenario.device, site, startTs, detectTs)
                        .perDevice(deviceId);
        match.selfClearing = true;
        return match;
    }

    RuleMatch clearOf(String deviceId, Site site, long ts) {
        RuleMatch match = deviceMatch(deviceId, site, ts, ts);
        match.clear = true;
        return match;
    }
}
