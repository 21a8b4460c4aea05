package io.citywatch.jobs.rules.geo;

import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.HostedRule;

/**
 * {@code geo.displacement} (per device): the improved tangent-angle criterion on 3 consecutive
 * angles of one displacement device. A level rule: it clears its own episodes.
 */
public class DisplacementRule extends HostedRule {
    public static final String ID = "geo.displacement";

    public DisplacementRule() {
        super(ID);
    }

    @Override
    public DisplacementUnit unit(RuleSettings settings) {
        return new DisplacementUnit(settings);
    }
}
