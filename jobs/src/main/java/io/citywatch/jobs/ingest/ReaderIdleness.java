package io.citywatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

/**
 * Marks a partition idle when it has sent nothing for {@code idleness} of time in which its reader
 * ran. Flink's own idleness (WatermarksWithIdleness) counts wall-clock time, paused only while the
 * reader is back-pressured or paused for alignment: a reader that does not run at all for longer (a
 * long GC pause, a starved machine, a slow restore) finds every one of its partitions idle at once
 * and flushes its watermark to the newest of them, and the records of the others then come behind
 * the city's clock. Here idleness also needs that many periodic emits to have happened since the
 * partition's last record, and those happen only while the reader runs.
 */
public class ReaderIdleness<T> implements WatermarkGenerator<T> {
    private final WatermarkGenerator<T> watermarks;
    private final RelativeClock clock;
    private final long idleNanos;
    private final long emitsToIdle;

    private long lastActivityNanos;
    private long emitsSinceActivity;
    private boolean idle;

    /**
     * @param clock the reader's input-activity clock, paused while it is back-pressured or paused
     * @param periodicEmitMillis how often the source calls {@link #onPeriodicEmit}
     */
    public ReaderIdleness(
            WatermarkGenerator<T> watermarks,
            long idleMillis,
            long periodicEmitMillis,
            RelativeClock clock) {
        this.watermarks = watermarks;
        this.clock = clock;
        this.idleNanos = idleMillis * 1_000_000;
        this.emitsToIdle = Math.max(1, idleMillis / Math.max(1, periodicEmitMillis));
        this.lastActivityNanos = clock.relativeTimeNanos();
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        watermarks.onEvent(event, eventTimestamp, output);
        lastActivityNanos = clock.relativeTimeNanos();
        emitsSinceActivity = 0;
        idle = false;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        emitsSinceActivity++;
        boolean quiet =
                clock.relativeTimeNanos() - lastActivityNanos > idleNanos
                        && emitsSinceActivity > emitsToIdle;
        if (quiet) {
            if (!idle) {
                output.markIdle();
                idle = true;
            }
        } else {
            watermarks.onPeriodicEmit(output);
        }
    }
}
