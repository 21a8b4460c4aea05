package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleParam;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A rise of one device's value by at least a limit within a window (inclusive), against the lowest
 * earlier reading still inside the window: crack meters jumping, rivers rising fast. Keyed by
 * device; the match belongs to the risk point. Readings older than the window are pruned at every
 * step, and a device quiet for a whole window keeps nothing.
 */
public class RiseWithin extends EventTimeOrdered<RuleMatch> {
    /** What one rule measures and says. Texts take value, rise, minutes, site name, device id. */
    public static class Spec implements Serializable {
        private static final long serialVersionUID = 1L;

        final String ruleId;
        final Scenario scenario;
        final AlertLevel level;
        final RuleParam rise;
        final RuleParam windowSec;
        final String english;
        final String chinese;

        public Spec(
                String ruleId,
                Scenario scenario,
                AlertLevel level,
                RuleParam rise,
                RuleParam windowSec,
                String english,
                String chinese) {
            this.ruleId = ruleId;
            this.scenario = scenario;
            this.level = level;
            this.rise = rise;
            this.windowSec = windowSec;
            this.english = english;
            this.chinese = chinese;
        }

        long windowMillis(Site site) {
            return (long) (windowSec.of(site) * 1000);
        }
    }

    private final Spec spec;
    private final RuleSettings settings;

    private transient ValueState<List<Evidence>> window;

    public RiseWithin(Spec spec, RuleSettings settings) {
        this.spec = spec;
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        window =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "rise-window",
                                        Types.LIST(TypeInformation.of(Evidence.class))));
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        List<Evidence> readings = window.value();
        if (readings == null) {
            readings = new ArrayList<>();
        }
        long from = event.ts - spec.windowMillis(event.site);
        readings.removeIf(r -> r.ts < from);
        Evidence lowest = null;
        for (Evidence r : readings) {
            if (r.ts < event.ts && (lowest == null || r.value < lowest.value)) {
                lowest = r;
            }
        }
        Evidence current = Evidence.of(event.reading);
        if (lowest != null && current.value - lowest.value >= spec.rise.of(event.site)) {
            out.collect(match(event, lowest, current));
        }
        readings.add(current);
        window.update(readings);
    }

    private RuleMatch match(DeviceEvent event, Evidence from, Evidence to) {
        RuleMatch match = RuleMatch.at(spec.ruleId, spec.scenario, event.site, from.ts, to.ts);
        match.level = spec.level;
        match.deviceIds.add(event.deviceId);
        match.evidence.add(from);
        match.evidence.add(to);
        match.message =
                settings.text(
                        spec.english,
                        spec.chinese,
                        to.value,
                        to.value - from.value,
                        Math.max(1, Math.round((to.ts - from.ts) / 60_000.0)),
                        event.site.name,
                        event.deviceId);
        return match;
    }

    @Override
    protected long quietMillis(DeviceEvent latest) {
        return spec.windowMillis(latest.site);
    }

    @Override
    protected void onQuiet(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out) {
        window.clear();
    }
}
