package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.series.EventTimeOrdered;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The water-depth level of one underpass (self-clearing). Each gauge's level is the lowest band
 * both of its last 2 readings reach; it is held while only one of them is in a band and drops to
 * none when both are below yellow, so a single splash neither opens nor ends a road closure. The
 * underpass level is the highest of its gauges.
 */
public class UnderpassDepths extends EventTimeOrdered<RuleMatch> {
    static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    private final RuleSettings settings;

    private transient MapState<String, Evidence> previous;

    /** Per gauge: the {@link AlertLevel#rank()} it holds, absent when none. */
    private transient MapState<String, Integer> gaugeLevels;

    private transient ValueState<Integer> held;

    public UnderpassDepths(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        previous =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "previous-depth",
                                        Types.STRING,
                                        TypeInformation.of(Evidence.class)));
        gaugeLevels =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("gauge-levels", Types.STRING, Types.INT));
        held = getRuntimeContext().getState(new ValueStateDescriptor<>("held", Types.INT));
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        Evidence current = Evidence.of(event.reading);
        Evidence before = previous.get(event.deviceId);
        previous.put(event.deviceId, current);
        if (before == null) {
            return;
        }
        int both = band(Math.min(before.value, current.value), event.site);
        int either = band(Math.max(before.value, current.value), event.site);
        Integer kept = gaugeLevels.get(event.deviceId);
        int gauge = both > 0 ? both : either == 0 ? 0 : kept == null ? 0 : kept;
        if (gauge > 0) {
            gaugeLevels.put(event.deviceId, gauge);
        } else {
            gaugeLevels.remove(event.deviceId);
        }
        int level = 0;
        for (int l : gaugeLevels.values()) {
            level = Math.max(level, l);
        }
        int was = held.value() == null ? 0 : held.value();
        held.update(level);
        if (level > was) {
            out.collect(match(event, before, current, level));
        } else if (level == 0 && was > 0) {
            RuleMatch clear = base(event);
            clear.clear = true;
            out.collect(clear);
        }
    }

    /** 0 below yellow, else the rank of the highest band the depth reaches. */
    static int band(double depthCm, Site site) {
        if (depthCm >= FloodParams.UNDERPASS_RED.of(site)) {
            return AlertLevel.red.rank();
        }
        if (depthCm >= FloodParams.UNDERPASS_ORANGE.of(site)) {
            return AlertLevel.orange.rank();
        }
        if (depthCm >= FloodParams.UNDERPASS_YELLOW.of(site)) {
            return AlertLevel.yellow.rank();
        }
        return 0;
    }

    @Override
    protected long quietMillis(DeviceEvent latest) {
        return QUIET_MILLIS;
    }

    @Override
    protected void onQuiet(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        // An underpass that went silent while flooded keeps its levels, so its next dry readings
        // can clear the alert; device.offline reports the silence itself.
        previous.clear();
        if (gaugeLevels.isEmpty()) {
            held.clear();
        }
    }

    private RuleMatch match(DeviceEvent event, Evidence before, Evidence current, int rank) {
        RuleMatch match = base(event);
        match.level = AlertLevel.values()[rank - 1];
        match.startTs = before.ts;
        match.evidence.add(before);
        match.evidence.add(current);
        match.message =
                settings.text(
                        "Underpass %s: water %.0f cm deep at %s on 2 consecutive readings%s",
                        "%1$s 下穿通道积水深度 %2$.0f 厘米（%3$s 连续两次）%5$s",
                        event.site.name,
                        Math.min(before.value, current.value),
                        event.deviceId,
                        rank == AlertLevel.red.rank() ? ": close the road" : "",
                        rank == AlertLevel.red.rank() ? "，建议封闭道路" : "");
        return match;
    }

    private static RuleMatch base(DeviceEvent event) {
        RuleMatch match =
                RuleMatch.at(UnderpassRule.ID, Scenario.flood, event.site, event.ts, event.ts);
        match.selfClearing = true;
        match.deviceIds.add(event.deviceId);
        return match;
    }
}
