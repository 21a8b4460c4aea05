package io.citywatch.jobs.rules.flood;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.OrderedReadingsUnit;
import io.citywatch.jobs.rules.host.UnitContext;

/**
 * The stage machine of one water-level gauge, in event-time order ("rising over the previous
 * reading" depends on order).
 *
 * <p>Stage 1 blue (within {@code blueMargin} below warning and rising), 2 yellow (≥ warning), 3
 * orange (≥ guarantee), 4 red (≥ record). The stage rises at once; it falls only when the level is
 * {@code hysteresis} below the threshold of the current stage, and the alert clears when the stage
 * falls to none. A gauge whose risk point has no stage keeps nothing; one without a reading for a
 * day forgets its previous level, unless an alert is open: only device.offline speaks for silence.
 */
public class WaterLevelUnit extends OrderedReadingsUnit<WaterLevelState> {
    public WaterLevelUnit(RuleSettings settings) {
        super(
                settings,
                WaterLevelRule.ID,
                WaterLevelRule::isInput,
                DeviceRuleState.WATER_LEVEL,
                WaterLevelState::new);
    }

    @Override
    protected void step(WaterLevelState state, DeviceEvent event, UnitContext context) {
        Reading reading = event.reading;
        Double[] thresholds = thresholds(event.site);
        Double previous = state.previous;
        if (thresholds[2] == null && thresholds[3] == null && thresholds[4] == null) {
            // a gauge that cannot fire keeps nothing, not even its level (an open stage keeps it)
            state.previous = state.stage == null ? null : reading.value;
            return;
        }
        state.previous = reading.value;
        int current = currentStage(state);
        int target = target(thresholds, reading.value, previous);
        if (target > current) {
            state.stage = target;
            context.emit(match(event, target, thresholds[target]));
            return;
        }
        if (current == 0) {
            return;
        }
        double hysteresis = FloodParams.HYSTERESIS.of(event.site);
        int held = 0;
        for (int level = current; level >= 1; level--) {
            if (thresholds[level] != null && reading.value > thresholds[level] - hysteresis) {
                held = level;
                break;
            }
        }
        int next = Math.max(target, held);
        state.stage = next == 0 ? null : next;
        if (next == 0) {
            RuleMatch clear = base(event);
            clear.clear = true;
            context.emit(clear);
        }
    }

    @Override
    protected boolean holdsState(WaterLevelState state) {
        return state.previous != null || state.stage != null;
    }

    /** Going quiet never clears the stage: nothing is pending at a replay's end. */
    @Override
    protected boolean alertOpen(WaterLevelState state) {
        return false;
    }

    @Override
    protected void forget(WaterLevelState state, String deviceId, long ts, UnitContext context) {
        if (state.stage == null) {
            state.previous = null;
        }
    }

    @Override
    protected boolean empty(WaterLevelState state) {
        return state.previous == null && state.stage == null;
    }

    /** Index 1 blue … 4 red; null where the risk point has no such stage. */
    static Double[] thresholds(Site site) {
        Double warning = FloodParams.WARNING.orNull(site);
        Double[] thresholds = new Double[5];
        thresholds[1] = warning == null ? null : warning - FloodParams.BLUE_MARGIN.of(site);
        thresholds[2] = warning;
        thresholds[3] = FloodParams.GUARANTEE.orNull(site);
        thresholds[4] = FloodParams.RECORD.orNull(site);
        return thresholds;
    }

    static int target(Double[] thresholds, double level, Double previous) {
        for (int stage = 4; stage >= 2; stage--) {
            if (thresholds[stage] != null && level >= thresholds[stage]) {
                return stage;
            }
        }
        boolean rising = previous != null && level > previous;
        return thresholds[1] != null && level >= thresholds[1] && rising ? 1 : 0;
    }

    private static int currentStage(WaterLevelState state) {
        return state.stage == null ? 0 : state.stage;
    }

    private static final String[] STAGE_NAMES = {
        "", "near-warning", "warning", "guarantee", "record"
    };
    private static final String[] STAGE_NAMES_ZH = {"", "接近警戒", "警戒", "保证", "历史最高"};

    private RuleMatch match(DeviceEvent event, int level, double threshold) {
        RuleMatch match = base(event);
        match.level = AlertLevel.values()[level - 1];
        match.evidence.add(Evidence.of(event.reading));
        match.message =
                settings.text(
                        "Water level %.2f m at %s (%s) has reached the %s stage (%.2f m)",
                        "%2$s（%3$s）水位 %1$.2f 米，达到%6$s水位（%5$.2f 米）",
                        event.reading.value,
                        event.site.name,
                        event.deviceId,
                        STAGE_NAMES[level],
                        threshold,
                        STAGE_NAMES_ZH[level]);
        return match;
    }

    /** A level rule per gauge: its alerts clear themselves. */
    private static RuleMatch base(DeviceEvent event) {
        RuleMatch match =
                RuleMatch.at(WaterLevelRule.ID, Scenario.flood, event.site, event.ts, event.ts)
                        .perDevice(event.deviceId);
        match.selfClearing = true;
        return match;
    }
}
