package io.citywatch.jobs.rules.host;

import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.util.OutputTag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link UnitContext} or {@link RiskPointContext} without Flink, for testing a unit alone. */
public class RecordingContext implements UnitContext, RiskPointContext {
    public final List<RuleMatch> matches = new ArrayList<>();
    public final List<Long> pending = new ArrayList<>();

    /** Signals by their side output's id, in order. */
    public final Map<String, List<Object>> signals = new LinkedHashMap<>();

    public String deviceId = "d1";
    public Site site;
    public long watermark = Long.MIN_VALUE;
    public boolean readingsHeld;

    @Override
    public String deviceId() {
        return deviceId;
    }

    /** The site's risk point. */
    @Override
    public String riskPointId() {
        return site.riskPointId;
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
    public <T> void signal(OutputTag<T> tag, T value) {
        signals.computeIfAbsent(tag.getId(), id -> new ArrayList<>()).add(value);
    }

    @Override
    public void pending(long dueTs) {
        pending.add(dueTs);
    }

    @Override
    public boolean readingsHeld() {
        return readingsHeld;
    }

    @Override
    public boolean inputsHeld() {
        return readingsHeld;
    }
}
