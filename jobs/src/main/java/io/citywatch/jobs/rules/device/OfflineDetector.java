package io.citywatch.jobs.rules.device;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One timer per device at the moment its silence becomes too long. A registered device that has
 * never reported is counted from its registration or the job's first watermark, whichever is later:
 * registration arms a timer at the smallest time, which fires with the first watermark after it.
 */
public class OfflineDetector extends KeyedProcessFunction<String, DeviceEvent, RuleMatch> {

    /** Fires with the first watermark after it was registered. */
    static final long ARM_AT_NEXT_WATERMARK = Long.MIN_VALUE + 1;

    private final RuleSettings settings;

    private transient ValueState<Site> site;
    private transient ValueState<Long> lastSeen;
    private transient ValueState<Long> deadline;
    private transient ValueState<Boolean> offline;

    public OfflineDetector(RuleSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        site =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>("site", TypeInformation.of(Site.class)));
        lastSeen =
                getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", Types.LONG));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("deadline", Types.LONG));
        offline =
                getRuntimeContext().getState(new ValueStateDescriptor<>("offline", Types.BOOLEAN));
    }

    @Override
    public void processElement(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        switch (event.kind) {
            case READING -> onReading(event, ctx, out);
            case REGISTERED -> {
                site.update(event.site);
                if (deadline.value() == null) {
                    ctx.timerService().registerEventTimeTimer(ARM_AT_NEXT_WATERMARK);
                    deadline.update(ARM_AT_NEXT_WATERMARK);
                }
            }
            case UNREGISTERED -> {
                if (Boolean.TRUE.equals(offline.value())) {
                    out.collect(clear(event.deviceId, lastSeenOr(event.ts)));
                }
                Long due = deadline.value();
                if (due != null) {
                    ctx.timerService().deleteEventTimeTimer(due);
                }
                site.clear();
                lastSeen.clear();
                deadline.clear();
                offline.clear();
            }
        }
    }

    private void onReading(DeviceEvent event, Context ctx, Collector<RuleMatch> out)
            throws Exception {
        site.update(event.site);
        if (Boolean.TRUE.equals(offline.value())) {
            out.collect(clear(event.deviceId, event.ts));
            offline.clear();
        }
        Long last = lastSeen.value();
        long newest = last == null ? event.ts : Math.max(last, event.ts);
        lastSeen.update(newest);
        long due = dueAfter(newest, event.site);
        Long scheduled = deadline.value();
        // A timer that fires before the device's due date moves itself on (onTimer): one timer per
        // silence limit instead of a delete and a register for every reading.
        if (scheduled == null
                || scheduled == ARM_AT_NEXT_WATERMARK
                || scheduled > due
                || scheduled <= ctx.timerService().currentWatermark()) { // already fired
            schedule(ctx, due);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        Long due = deadline.value();
        if (due == null || due != timestamp) {
            return;
        }
        Site current = site.value();
        if (timestamp == ARM_AT_NEXT_WATERMARK) {
            long watermark = ctx.timerService().currentWatermark();
            if (watermark == Long.MAX_VALUE || settings.beyondClockStop(watermark)) {
                // the input ended before any event time passed: nothing to count from
                return;
            }
            schedule(ctx, watermark + silenceLimit(current) + 1);
            return;
        }
        Long last = lastSeen.value();
        if (last != null && dueAfter(last, current) > timestamp) {
            schedule(ctx, dueAfter(last, current));
            return;
        }
        if (settings.beyondClockStop(timestamp)) {
            ctx.output(
                    Pending.TAG,
                    new PendingTimeout(DeviceOfflineRule.ID, ctx.getCurrentKey(), timestamp));
            return;
        }
        offline.update(true);
        out.collect(offlineMatch(ctx.getCurrentKey(), current, timestamp));
    }

    private void schedule(Context ctx, long due) throws Exception {
        Long previous = deadline.value();
        if (previous != null && previous == due) {
            return;
        }
        if (previous != null) {
            ctx.timerService().deleteEventTimeTimer(previous);
        }
        ctx.timerService().registerEventTimeTimer(due);
        deadline.update(due);
    }

    /** The first time a device last seen at {@code lastSeen} counts as offline. */
    private static long dueAfter(long lastSeen, Site site) {
        return lastSeen + silenceLimit(site) + 1;
    }

    private static long silenceLimit(Site site) {
        double periods = DeviceParams.OFFLINE_PERIODS.of(site);
        return (long) (periods * site.reportingPeriodSec * 1000);
    }

    private long lastSeenOr(long fallback) throws Exception {
        Long last = lastSeen.value();
        return last == null ? fallback : last;
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

    private RuleMatch clear(String deviceId, long ts) throws Exception {
        RuleMatch match = base(deviceId, site.value(), ts);
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
