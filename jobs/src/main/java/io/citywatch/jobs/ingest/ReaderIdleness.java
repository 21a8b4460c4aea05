package io.citywatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

import java.util.function.ToLongFunction;

/**
 * Marks a partition idle when it has sent nothing for {@code idleness} of time in which its reader
 * ran and read no backlog.
 *
 * <p>Running time: Flink's own idleness (WatermarksWithIdleness) counts wall-clock time, paused
 * only while the reader is back-pressured or paused for alignment: a reader that does not run at
 * all for longer (a long GC pause, a starved machine, a slow restore) finds every one of its
 * partitions idle at once and flushes its watermark to the newest of them, and the records of the
 * others then come behind the city's clock. Here idleness also needs that many periodic emits to
 * have happened since the partition's last record, and those happen only while the reader runs.
 *
 * <p>No backlog: while its reader reads records Kafka took long ago (ReaderBacklog), a quiet
 * partition is most likely waiting for its turn in the consumer, not quiet; marking it idle would
 * let the city's clock pass the records it still has. It goes idle then only after {@link
 * #CATCH_UP_PATIENCE} times {@code idleness}, so that a partition that really is quiet (its last
 * record is old, the others have a backlog) holds the clock back for a bounded time.
 */
public class ReaderIdleness<T> implements WatermarkGenerator<T> {
    /** How many times {@code idleness} a partition may stay quiet while its reader catches up. */
    public static final int CATCH_UP_PATIENCE = 10;

    private final WatermarkGenerator<T> watermarks;
    private final RelativeClock clock;
    private final ReaderBacklog backlog;
    private final ToLongFunction<T> appendedAt;
    private final long idleNanos;
    private final long emitsToIdle;

    private long lastActivityNanos;
    private long emitsSinceActivity;
    private long backlogSeen;
    private long lastBacklogNanos;
    private long emitsSinceBacklog;
    private boolean idle;

    /**
     * @param clock the partition's input-activity clock, paused while its reader is back-pressured
     *     or the partition is paused
     * @param periodicEmitMillis how often the source calls {@link #onPeriodicEmit}
     * @param backlog the reader's, shared by all its partitions
     * @param appendedAt when Kafka took a record, {@link Long#MIN_VALUE} when unknown
     */
    public ReaderIdleness(
            WatermarkGenerator<T> watermarks,
            long idleMillis,
            long periodicEmitMillis,
            RelativeClock clock,
            ReaderBacklog backlog,
            ToLongFunction<T> appendedAt) {
        this.watermarks = watermarks;
        this.clock = clock;
        this.backlog = backlog;
        this.appendedAt = appendedAt;
        this.idleNanos = idleMillis * 1_000_000;
        this.emitsToIdle = Math.max(1, idleMillis / Math.max(1, periodicEmitMillis));
        this.lastActivityNanos = clock.relativeTimeNanos();
        this.backlogSeen = backlog.recordsBehind();
        this.lastBacklogNanos = Long.MIN_VALUE / 2;
        this.emitsSinceBacklog = Long.MAX_VALUE / 2;
    }

    @Override
    public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
        watermarks.onEvent(event, eventTimestamp, output);
        backlog.onRecord(appendedAt.applyAsLong(event));
        lastActivityNanos = clock.relativeTimeNanos();
        emitsSinceActivity = 0;
        idle = false;
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.relativeTimeNanos();
        emitsSinceActivity++;
        emitsSinceBacklog++;
        long seen = backlog.recordsBehind();
        if (seen != backlogSeen) {
            backlogSeen = seen;
            lastBacklogNanos = now;
            emitsSinceBacklog = 0;
        }
        if (idle) {
            // only a record of its own makes a partition active again: a quiet one woken by its
            // reader's backlog would hold the clock back at its last, old record
            return;
        }
        boolean quiet = longerThan(now - lastActivityNanos, emitsSinceActivity, 1);
        boolean catchingUp = !longerThan(now - lastBacklogNanos, emitsSinceBacklog, 1);
        if (quiet
                && (!catchingUp
                        || longerThan(
                                now - lastActivityNanos, emitsSinceActivity, CATCH_UP_PATIENCE))) {
            output.markIdle();
            idle = true;
        } else {
            watermarks.onPeriodicEmit(output);
        }
    }

    /** Whether this much running time, and as many periodic emits, exceed idleness × times. */
    private boolean longerThan(long nanos, long emits, int times) {
        return nanos > idleNanos * times && emits > emitsToIdle * times;
    }
}
