package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleUnit;
import io.citywatch.jobs.rules.host.RiskPointHostedRule;

import java.util.List;

/**
 * {@code coverage.gap} yellow (per risk point): {@code gapRatio} (half) or more of a risk point's
 * devices offline. Follows device.offline's episodes, so it opens and clears with them, in event
 * time. Hosted by the risk point rule host ({@link CoverageUnit}).
 */
public class CoverageGapRule extends RiskPointHostedRule {
    public static final String ID = "coverage.gap";

    public CoverageGapRule() {
        super(ID);
    }

    @Override
    public CoverageUnit unit(RuleSettings settings) {
        return new CoverageUnit(settings);
    }

    /** device.offline's unit, whose matches this rule counts, even in a job without that rule. */
    @Override
    public List<DeviceRuleUnit<?>> deviceUnits(RuleSettings settings) {
        return List.of(new DeviceOfflineRule().unit(settings));
    }
}
