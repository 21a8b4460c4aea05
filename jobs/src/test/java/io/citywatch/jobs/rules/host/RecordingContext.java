package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;

import java.util.ArrayList;
import java.util.List;

/** A {@link UnitContext} without Flink, for testing a unit on its own. */
public class RecordingContext implements UnitContext {
    public final List<RuleMatch> matches = new ArrayList<>();
    public final List<Long> pending = new ArrayList<>();
    public String deviceId = "d1";
    public Site site;
    public long watermark = Long.MIN_VALUE;
    public boolean readingsHeld;

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public Site site() {
        return site;
    }

    @Override
    public long watermark() {
        return watermark;
    }

    @Override
    public void emit(RuleMatch match) {
        matches.add(match);
    }

    @Override
    public void pending(long dueTs) {
        pending.add(dueTs);
    }

    @Override
    public boolean readingsHeld() {
        return readingsHeld;
    }
}
