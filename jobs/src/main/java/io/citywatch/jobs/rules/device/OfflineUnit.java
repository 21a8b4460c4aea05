package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.SlottedUnit;
import io.citywatch.jobs.rules.host.UnitContext;

/**
 * device.offline: one due time per device, at the moment its silence becomes too long. A registered
 * device that has never reported is counted from its registration or the job's first watermark,
 * whichever is later: registration sets a due time at the smallest time, which the first watermark
 * after it passes.
 */
public class OfflineUnit extends SlottedUnit<OfflineState> {

    /** Passed by the first watermark after it was set. */
    static final long ARM_AT_NEXT_WATERMARK = Long.MIN_VALUE + 1;

    private final RuleSettings settings;

    public OfflineUnit(RuleSettings settings) {
        super(DeviceOfflineRule.ID, DeviceRuleState.OFFLINE, false);
        this.settings = settings;
    }

    @Override
    public boolean reads(DeviceEvent event) {
        return true;
    }

    @Override
    public OfflineState onEvent(OfflineState state, DeviceEvent event, UnitContext context) {
        switch (event.kind) {
            case READING -> {
                return onReading(state == null ? new OfflineState() : state, event, context);
            }
            case REGISTERED -> {
                if (state == null) {
                    state = new OfflineState();
                    state.deadline = ARM_AT_NEXT_WATERMARK;
                    state.waiting = true;
                }
                return state;
            }
            default -> { // UNREGISTERED
                if (state != null && state.offline) {
                    context.emit(
                            clear(
                                    event.deviceId,
                                    context.site(),
                                    state.lastSeen == null ? event.ts : state.lastSeen));
                }
                return null;
            }
        }
    }

    private OfflineState onReading(OfflineState state, DeviceEvent event, UnitContext context) {
        if (state.offline) {
            context.emit(clear(event.deviceId, context.site(), event.ts));
            state.offline = false;
        }
        long newest = state.lastSeen == null ? event.ts : Math.max(state.lastSeen, event.ts);
        state.lastSeen = newest;
        long due = dueAfter(newest, event.site);
        Long scheduled = state.deadline;
        // A due time before the device's deadline moves itself on (onDue): one wake-up per
        // silence limit instead of a move for every reading.
        if (scheduled == null
                || scheduled == ARM_AT_NEXT_WATERMARK
                || scheduled > due
                || scheduled <= context.watermark()) { // already passed
            schedule(state, due);
        }
        return state;
    }

    @Override
    public long due(OfflineState state) {
        return state.waiting ? state.deadline : NO_DUE;
    }

    @Override
    public OfflineState onDue(OfflineState state, long due, UnitContext context) {
        state.waiting = false;
        Site current = context.site();
        if (due == ARM_AT_NEXT_WATERMARK) {
            long watermark = context.watermark();
            if (watermark == Long.MAX_VALUE || settings.beyondClockStop(watermark)) {
                // the input ended before any event time passed: nothing to count from
                return state;
            }
            schedule(state, watermark + silenceLimit(current) + 1);
            return state;
        }
        if (state.lastSeen != null && dueAfter(state.lastSeen, current) > due) {
            schedule(state, dueAfter(state.lastSeen, current));
            return state;
        }
        if (settings.beyondClockStop(due)) {
            context.pending(due);
            return state;
        }
        state.offline = true;
        context.emit(offlineMatch(context.deviceId(), current, due));
        return state;
    }

    private static void schedule(OfflineState state, long due) {
        if (state.deadline != null && state.deadline == due) {
            return;
        }
        state.deadline = due;
        state.waiting = true;
    }

    /** The first time a device last seen at {@code lastSeen} counts as offline. */
    private static long dueAfter(long lastSeen, Site site) {
        return lastSeen + silenceLimit(site) + 1;
    }

    private static long silenceLimit(Site site) {
        double periods = DeviceParams.OFFLINE_PERIODS.of(site);
        return (long) (periods * site.reportingPeriodSec * 1000);
    }

    private RuleMatch offlineMatch(String deviceId, Site site, long ts) {
        RuleMatch match = base(deviceId, site, ts);
        match.level = AlertLevel.blue;
        long silentSec = (long) (DeviceParams.OFFLINE_PERIODS.of(site) * site.reportingPeriodSec);
        match.message =
                settings.text(
                        "Device %s at %s has sent nothing for more than %d s",
                        "%2$s 设备 %1$s 超过 %3$d 秒未上报数据", deviceId, site.name, silentSec);
        return match;
    }

    private static RuleMatch clear(String deviceId, Site site, long ts) {
        RuleMatch match = base(deviceId, site, ts);
        match.clear = true;
        return match;
    }

    private static RuleMatch base(String deviceId, Site site, long ts) {
        RuleMatch match =
                RuleMatch.at(DeviceOfflineRule.ID, Scenario.device, site, ts, ts)
                        .perDevice(deviceId);
        match.selfClearing = true;
        return match;
    }
}
