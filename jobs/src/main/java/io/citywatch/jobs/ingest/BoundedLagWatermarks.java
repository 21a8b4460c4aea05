package io.citywatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness. A replay emits after every event so that its lateness decisions do not
 * depend on wall-clock timing; production emits periodically, which is cheaper.
 */
public class BoundedLagWatermarks<T> implements WatermarkGenerator<T> {
    private final long lagMillis;
    private final boolean everyEvent;
    private long maxTimestamp;

    public BoundedLagWatermarks(long lagMillis, boolean everyEvent) {
        this.lagMillis = lagMillis;
        this.everyEvent = everyEvent;
        this.maxTimestamp = Long.MIN_VALUE + lagMillis + 1;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        if (eventTimestamp == Long.MIN_VALUE) {
            return;
        }
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
        if (everyEvent) {
            onPeriodicEmit(output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        // minus one: events exactly lagMillis behind the newest are still on time
        // (docs/contract.md: inclusive)
        output.emitWatermark(new Watermark(maxTimestamp - lagMillis - 1));
    }
}
