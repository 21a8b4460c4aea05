package io.citywatch.jobs.rules.device;

import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;
import io.citywatch.jobs.rules.series.EventTimeOrdered;

import org.apache.flink.util.Collector;

/**
 * One device's readings in event-time order ("consecutive" and "over 40 min" depend on order), for
 * the device-health rules. A device without a reading for {@link #QUIET_MILLIS} is forgotten, and
 * an alert it still holds is cleared: after a day of silence nothing is known about the sensor.
 */
abstract class OrderedReadings extends EventTimeOrdered<RuleMatch> {
    static final long QUIET_MILLIS = 24 * 3600 * 1000L;

    protected final RuleSettings settings;

    OrderedReadings(RuleSettings settings) {
        this.settings = settings;
    }

    /** The ruleId under which timers beyond a replay's end are reported. */
    abstract String ruleId();

    abstract boolean alertOpen() throws Exception;

    /** Clears all rule state; emits a clear when an alert is open. */
    abstract void forget(String deviceId, long ts, Collector<RuleMatch> out) throws Exception;

    @Override
    protected final long quietMillis(DeviceEvent latest) {
        return QUIET_MILLIS;
    }

    @Override
    protected final void onQuiet(long timestamp, OnTimerContext ctx, Collector<RuleMatch> out)
            throws Exception {
        if (!settings.beyondClockStop(timestamp)) {
            forget(ctx.getCurrentKey(), timestamp, out);
        } else if (alertOpen()) {
            ctx.output(Pending.TAG, new PendingTimeout(ruleId(), ctx.getCurrentKey(), timestamp));
        }
    }
}
