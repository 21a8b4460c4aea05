package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.RiskPointContext;
import io.citywatch.jobs.rules.host.RiskPointInput;
import io.citywatch.jobs.rules.host.RiskPointRuleState;
import io.citywatch.jobs.rules.host.RuleUnit;
import io.citywatch.jobs.rules.host.SlottedRiskPointUnit;

/**
 * The water-depth level of one underpass (self-clearing), a unit of the risk point rule host that
 * takes the underpass's depth readings in event-time order. Each gauge's level is the lowest band
 * both of its last 2 readings reach; it is held while only one of them is in a band and drops to
 * none when both are below yellow, so a single splash neither opens nor ends a road closure. The
 * underpass level is the highest of its gauges.
 */
public class UnderpassUnit extends SlottedRiskPointUnit<UnderpassState> {
    static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    private final RuleSettings settings;

    public UnderpassUnit(RuleSettings settings) {
        super(UnderpassRule.ID, RiskPointRuleState.UNDERPASS, true);
        this.settings = settings;
    }

    @Override
    public boolean readsDeviceEvents() {
        return true;
    }

    @Override
    public boolean reads(DeviceEvent event) {
        return UnderpassRule.isInput(event);
    }

    @Override
    public UnderpassState onEvent(
            UnderpassState state, RiskPointInput input, RiskPointContext context) {
        UnderpassState underpass = state == null ? new UnderpassState() : state;
        DeviceEvent event = input.event;
        step(underpass, event, context);
        underpass.quietDue = event.ts + QUIET_MILLIS;
        return underpass;
    }

    private void step(UnderpassState underpass, DeviceEvent event, RiskPointContext context) {
        Evidence current = Evidence.of(event.reading);
        Evidence before = underpass.previous.put(event.deviceId, current);
        if (before == null) {
            return;
        }
        int both = band(Math.min(before.value, current.value), event.site);
        int either = band(Math.max(before.value, current.value), event.site);
        Integer kept = underpass.gaugeLevels.get(event.deviceId);
        int gauge = both > 0 ? both : either == 0 ? 0 : kept == null ? 0 : kept;
        if (gauge > 0) {
            underpass.gaugeLevels.put(event.deviceId, gauge);
        } else {
            underpass.gaugeLevels.remove(event.deviceId);
        }
        int level = 0;
        for (int l : underpass.gaugeLevels.values()) {
            level = Math.max(level, l);
        }
        int was = underpass.level;
        underpass.level = level;
        if (level > was) {
            context.emit(match(event, before, current, level));
        } else if (level == 0 && was > 0) {
            RuleMatch clear = base(event);
            clear.clear = true;
            context.emit(clear);
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
    public long due(UnderpassState state) {
        return state.quietDue == null ? RuleUnit.NO_DUE : state.quietDue;
    }

    @Override
    public UnderpassState onDue(UnderpassState state, long due, RiskPointContext context) {
        state.quietDue = null;
        if (context.inputsHeld()) {
            return state; // not quiet: the next reading's turn sets the next quiet time
        }
        // An underpass that went silent while flooded keeps its levels, so its next dry readings
        // can clear the alert; device.offline reports the silence itself.
        state.previous.clear();
        if (state.gaugeLevels.isEmpty()) {
            state.level = 0;
            return null;
        }
        return state;
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
