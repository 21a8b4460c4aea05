package io.citywatch.jobs.rules;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.Site;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rule says: its condition matched at a level, or (for rules that know when they stop
 * matching) that it has cleared. Alert episodes turn matches into the alert changelog.
 */
public class RuleMatch {
    public String ruleId;
    public Scenario scenario;
    public AlertLevel level;

    /** The rule's condition no longer holds: end the open episode. */
    public boolean clear;

    /**
     * The rule clears its own episodes (hysteresis, a device reporting again); the episode then
     * does not time out after clearAfter.
     */
    public boolean selfClearing;

    public Site site;

    /** Risk point id, or {@code geo:<geohash6>} for incidents outside every risk point. */
    public String locationKey;

    /** Set only by per-device rules. */
    public String deviceId;

    public long startTs;
    public long detectTs;
    public List<String> deviceIds = new ArrayList<>();
    public List<String> incidentIds = new ArrayList<>();
    public List<Evidence> evidence = new ArrayList<>();
    public String message;

    public RuleMatch() {}

    /** A match of {@code ruleId} at the risk point {@code site} (null for none). */
    public static RuleMatch at(
            String ruleId, Scenario scenario, Site site, long startTs, long detectTs) {
        RuleMatch match = new RuleMatch();
        match.ruleId = ruleId;
        match.scenario = scenario;
        match.site = site;
        match.locationKey = site == null ? null : site.riskPointId;
        match.startTs = startTs;
        match.detectTs = detectTs;
        return match;
    }

    /** Makes this the match of a per-device rule: one episode per (rule, device). */
    public RuleMatch perDevice(String deviceId) {
        this.deviceId = deviceId;
        deviceIds.add(deviceId);
        return this;
    }

    /** One alert episode per (rule, location) or, for per-device rules, (rule, device). */
    public String episodeKey() {
        return ruleId + "|" + locationKey + "|" + (deviceId == null ? "" : deviceId);
    }

    @Override
    public String toString() {
        return "RuleMatch{"
                + ruleId
                + " "
                + (clear ? "clear" : level)
                + " "
                + locationKey
                + (deviceId == null ? "" : "/" + deviceId)
                + " @"
                + detectTs
                + "}";
    }
}
