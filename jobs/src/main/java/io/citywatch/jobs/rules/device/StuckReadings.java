package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;

/**
 * A device whose readings stay within {@code stuckTolerance} of each other for {@code stuckMinutes}
 * and at least {@code stuckReadings} readings. The alert clears as soon as the flat run is broken
 * by a reading that moves, i.e. once no run ending at the latest reading qualifies.
 */
public class StuckReadings extends OrderedReadings {
    private transient ValueState<FlatRun> run;

    /** The risk point of the open alert; null while none is open. */
    private transient ValueState<Site> alertSite;

    public StuckReadings(RuleSettings settings) {
        super(settings);
    }

    @Override
    String ruleId() {
        return StuckRule.ID;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        run =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "run", TypeInformation.of(FlatRun.class)));
        alertSite =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert-site", TypeInformation.of(Site.class)));
    }

    @Override
    protected void step(DeviceEvent event, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        Site site = event.site;
        FlatRun current = run.value() == null ? new FlatRun() : run.value();
        current.add(event.ts, event.reading.value, DeviceParams.STUCK_TOLERANCE.of(site));
        run.update(current);
        long minutes = (long) (DeviceParams.STUCK_MINUTES.of(site) * 60_000);
        boolean stuck =
                current.durationMillis() >= minutes
                        && current.count() >= DeviceParams.STUCK_READINGS.of(site);
        if (stuck && !alertOpen()) {
            alertSite.update(site);
            out.collect(stuckMatch(event, current));
        } else if (!stuck && alertOpen()) {
            out.collect(clear(event.deviceId, alertSite.value(), event.ts));
            alertSite.clear();
        }
    }

    @Override
    boolean alertOpen() throws Exception {
        return alertSite.value() != null;
    }

    @Override
    void forget(String deviceId, long ts, Collector<RuleMatch> out) throws Exception {
        if (alertOpen()) {
            out.collect(clear(deviceId, alertSite.value(), ts));
        }
        run.clear();
        alertSite.clear();
    }

    private RuleMatch stuckMatch(DeviceEvent event, FlatRun flat) {
        RuleMatch match = base(event.deviceId, event.site, flat.startTs, event.ts);
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

    private static RuleMatch clear(String deviceId, Site site, long ts) {
        RuleMatch match = base(deviceId, site, ts, ts);
        match.clear = true;
        return match;
    }

    private static RuleMatch base(String deviceId, Site site, long startTs, long detectTs) {
        RuleMatch match =
                RuleMatch.at(StuckRule.ID, Scenario.device, site, startTs, detectTs)
                        .perDevice(deviceId);
        match.selfClearing = true;
        return match;
    }
}
