package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.host.DeviceRuleState;
import io.citywatch.jobs.rules.host.UnitContext;

/**
 * device.stuck: a device whose readings stay within {@code stuckTolerance} of each other for {@code
 * stuckMinutes} and at least {@code stuckReadings} readings. The alert clears as soon as the flat
 * run is broken by a reading that moves, i.e. once no run ending at the latest reading qualifies.
 */
public class StuckUnit extends DeviceHealthUnit<StuckState> {
    public StuckUnit(RuleSettings settings) {
        super(settings, StuckRule.ID, StuckRule::isWatched, DeviceRuleState.STUCK, StuckState::new);
    }

    @Override
    protected void step(StuckState state, DeviceEvent event, UnitContext context) {
        Site site = event.site;
        FlatRun current = state.run == null ? new FlatRun() : state.run;
        current.add(event.ts, event.reading.value, DeviceParams.STUCK_TOLERANCE.of(site));
        state.run = current;
        long minutes = (long) (DeviceParams.STUCK_MINUTES.of(site) * 60_000);
        boolean stuck =
                current.durationMillis() >= minutes
                        && current.count() >= DeviceParams.STUCK_READINGS.of(site);
        if (stuck && !alertOpen(state)) {
            state.alertSite = site;
            context.emit(stuckMatch(event, current));
        } else if (!stuck && alertOpen(state)) {
            context.emit(clearOf(event.deviceId, state.alertSite, event.ts));
            state.alertSite = null;
        }
    }

    @Override
    protected boolean alertOpen(StuckState state) {
        return state.alertSite != null;
    }

    @Override
    protected boolean empty(StuckState state) {
        return state.run == null && state.alertSite == null;
    }

    @Override
    protected void forget(StuckState state, String deviceId, long ts, UnitContext context) {
        if (alertOpen(state)) {
            context.emit(clearOf(deviceId, state.alertSite, ts));
        }
        state.run = null;
        state.alertSite = null;
    }

    private RuleMatch stuckMatch(DeviceEvent event, FlatRun flat) {
        RuleMatch match = deviceMatch(event.deviceId, event.site, flat.startTs, event.ts);
        match.level = AlertLevel.blue;
        Reading reading = event.reading;
        FlatRun.Point low = flat.minPoint();
        FlatRun.Point high = flat.maxPoint();
        match.evidence.add(evidence(reading, low));
        if (high.index != low.index) {
            match.evidence.add(evidence(reading, high));
        }
        if (low.index != flat.lastIndex && high.index != flat.lastIndex) {
            match.evidence.add(Evidence.of(reading));
        }
        match.message =
                settings.text(
                        "Device %s at %s may be stuck: %d %s readings over %d min stayed within"
                                + " %s..%s",
                        "%2$s 设备 %1$s 疑似卡滞：%4$s %5$d 分钟内 %3$d 次读数均在 %6$s..%7$s 之间",
                        event.deviceId,
                        event.site.name,
                        flat.count(),
                        reading.type.wireName(),
                        flat.durationMillis() / 60_000,
                        flat.min(),
                        flat.max());
        return match;
    }

    private static Evidence evidence(Reading latest, FlatRun.Point point) {
        return Evidence.of(new Reading(latest.deviceId, latest.type, point.value, point.ts));
    }
}
