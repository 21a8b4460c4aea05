package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.RiskPointContext;
import io.citywatch.jobs.rules.host.RiskPointInput;
import io.citywatch.jobs.rules.host.RiskPointRuleState;
import io.citywatch.jobs.rules.host.RuleUnit;
import io.citywatch.jobs.rules.host.SlottedRiskPointUnit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * coverage.gap in the risk point rule host: counts the offline devices of one risk point from
 * device.offline's matches, in the event-time order of their changes (the devices of a risk point
 * are judged on several subtasks, and their changes arrive here in any order).
 */
public class CoverageUnit extends SlottedRiskPointUnit<CoverageState> {
    /** Within one instant: a device back online before one going offline. */
    private static final Comparator<RiskPointInput> INSTANT_ORDER =
            Comparator.<RiskPointInput, Boolean>comparing(change -> !change.match.clear)
                    .thenComparing(change -> change.match.deviceId);

    private final RuleSettings settings;

    public CoverageUnit(RuleSettings settings) {
        super(CoverageGapRule.ID, RiskPointRuleState.COVERAGE, true);
        this.settings = settings;
    }

    @Override
    public List<String> matchesRead() {
        return List.of(DeviceOfflineRule.ID);
    }

    @Override
    public Comparator<RiskPointInput> instantOrder() {
        return INSTANT_ORDER;
    }

    @Override
    public CoverageState onEvent(
            CoverageState state, RiskPointInput input, RiskPointContext context) {
        CoverageState coverage = state == null ? new CoverageState() : state;
        RuleMatch device = input.match;
        if (device.clear) {
            coverage.offlineSince.remove(device.deviceId);
        } else {
            coverage.offlineSince.put(device.deviceId, device.detectTs);
        }
        List<String> offline = new ArrayList<>(coverage.offlineSince.keySet());
        int total = device.site.deviceCount;
        double ratio = DeviceParams.GAP_RATIO.of(device.site);
        boolean gap = total > 0 && offline.size() >= ratio * total;
        if (gap && !coverage.gapOpen) {
            coverage.gapOpen = true;
            context.emit(gapMatch(device, offline, total));
        } else if (!gap && coverage.gapOpen) {
            coverage.gapOpen = false;
            RuleMatch clear = base(device);
            clear.clear = true;
            context.emit(clear);
        }
        return coverage.offlineSince.isEmpty() && !coverage.gapOpen ? null : coverage;
    }

    /** Nothing is due: a gap lasts as long as device.offline's episodes. */
    @Override
    public long due(CoverageState state) {
        return RuleUnit.NO_DUE;
    }

    @Override
    public CoverageState onDue(CoverageState state, long due, RiskPointContext context) {
        return state;
    }

    private RuleMatch gapMatch(RuleMatch device, List<String> offline, int total) {
        RuleMatch match = base(device);
        match.level = AlertLevel.yellow;
        offline.sort(String::compareTo);
        match.deviceIds.addAll(offline);
        match.message =
                settings.text(
                        "%d of %d devices at %s are offline",
                        "%3$s 共 %2$d 个设备，其中 %1$d 个离线", offline.size(), total, device.site.name);
        return match;
    }

    private static RuleMatch base(RuleMatch device) {
        RuleMatch match =
                RuleMatch.at(
                        CoverageGapRule.ID,
                        Scenario.device,
                        device.site,
                        device.detectTs,
                        device.detectTs);
        match.selfClearing = true;
        return match;
    }
}
