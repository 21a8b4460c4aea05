package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleParam;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitContext;
import io.citywatch.jobs.rules.host.UnitSlot;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A rise of one device's value by at least a limit within a window (inclusive), against the lowest
 * earlier reading still inside the window: crack meters jumping, rivers rising fast. The match
 * belongs to the risk point. A device keeps only the readings that can still be that lowest one
 * (each lower than every later one), and nothing once it has been quiet for a whole window.
 */
public class RiseUnit extends OrderedReadingsUnit<RiseState> {
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

    /** Each rule its own slot: a water level is read by two rules with different windows. */
    public RiseUnit(Spec spec, RuleSettings settings, Reads reads, UnitSlot<RiseState> slot) {
        super(settings, spec.ruleId, reads, slot, RiseState::new);
        this.spec = spec;
    }

    @Override
    protected void step(RiseState state, DeviceEvent event, UnitContext context) {
        long from = event.ts - spec.windowMillis(event.site);
        int kept = candidates(state, from, event.ts);
        // the oldest candidate of an earlier time is the lowest: the first of equal lows wins
        if (kept > 0 && state.ts[0] < event.ts) {
            Reading reading = event.reading;
            double rise = reading.value - state.values[0];
            if (rise >= spec.rise.of(event.site)) {
                Evidence lowest = Evidence.of(reading);
                lowest.ts = state.ts[0];
                lowest.value = state.values[0];
                context.emit(match(event, lowest, Evidence.of(reading)));
            }
        }
        state.ts = Arrays.copyOf(state.ts == null ? new long[0] : state.ts, kept + 1);
        state.values = Arrays.copyOf(state.values == null ? new double[0] : state.values, kept + 1);
        state.ts[kept] = event.ts;
        state.values[kept] = event.reading.value;
    }

    /**
     * Drops from the state the readings older than {@code from} and those a later, lower reading of
     * an earlier time than {@code now} outlasts, keeps the rest oldest first and returns how many.
     * A reading of time {@code now} hides nothing from another reading of that same time, so it is
     * only weighed once the next time comes.
     */
    private static int candidates(RiseState state, long from, long now) {
        if (state.ts == null) {
            return 0;
        }
        int kept = 0;
        for (int i = 0; i < state.ts.length; i++) {
            if (state.ts[i] < from) {
                continue;
            }
            if (state.ts[i] < now) {
                while (kept > 0 && state.values[kept - 1] > state.values[i]) {
                    kept--;
                }
            }
            state.ts[kept] = state.ts[i];
            state.values[kept] = state.values[i];
            kept++;
        }
        return kept;
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

    /** After a whole window without a reading every kept one has left the window. */
    @Override
    protected long quietMillis(RiseState state, DeviceEvent latest) {
        return spec.windowMillis(latest.site);
    }

    /** The rise is an event, not a level: there is no alert to clear. */
    @Override
    protected boolean alertOpen(RiseState state) {
        return false;
    }

    @Override
    protected void forget(RiseState state, String deviceId, long ts, UnitContext context) {
        state.ts = null;
        state.values = null;
    }

    @Override
    protected boolean empty(RiseState state) {
        return state.ts == null;
    }
}
