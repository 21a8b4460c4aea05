package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;

/**
 * What the risk point rule host reads: a device's event or another rule's match, one of the two.
 * One type, so that both reach a risk point's rules over one shuffle and under one watermark.
 */
public class RiskPointInput {
    public String riskPointId;

    /** Null for a match. */
    public DeviceEvent event;

    /** Null for a device event. */
    public RuleMatch match;

    public RiskPointInput() {}

    public static RiskPointInput of(DeviceEvent event) {
        RiskPointInput input = new RiskPointInput();
        input.riskPointId = event.site.riskPointId;
        input.event = event;
        return input;
    }

    public static RiskPointInput of(RuleMatch match) {
        RiskPointInput input = new RiskPointInput();
        input.riskPointId = match.site.riskPointId;
        input.match = match;
        return input;
    }

    /** Event time: the reading's, or the time the match was detected. */
    public long ts() {
        return event != null ? event.ts : match.detectTs;
    }

    /** The risk point as the input came with it. */
    public Site site() {
        return event != null ? event.site : match.site;
    }
}
