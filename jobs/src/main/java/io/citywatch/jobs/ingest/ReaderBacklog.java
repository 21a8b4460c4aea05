package io.citywatch.jobs.ingest;

import java.util.function.LongSupplier;

/**
 * Whether one source reader is reading a backlog, shared by the idleness of its partitions
 * (ReaderIdleness). A record read more than {@code behindMillis} after Kafka took it is a backlog
 * record. While a reader reads them, a partition that sends nothing is not necessarily quiet: the
 * reader's consumer drains one partition's fetched data before the next, so while a backlog is
 * caught up each partition waits its turn behind the others, and on a slow or loaded machine that
 * turn can take longer than {@code idleness}.
 */
public final class ReaderBacklog {
    private final long behindMillis;
    private final LongSupplier wallClockMillis;
    private long recordsBehind;

    public ReaderBacklog(long behindMillis, LongSupplier wallClockMillis) {
        this.behindMillis = behindMillis;
        this.wallClockMillis = wallClockMillis;
    }

    /**
     * @param appendedAtMillis when Kafka took the record (its timestamp), or {@link Long#MIN_VALUE}
     *     when unknown (a file)
     */
    public void onRecord(long appendedAtMillis) {
        if (appendedAtMillis != Long.MIN_VALUE
                && wallClockMillis.getAsLong() - appendedAtMillis > behindMillis) {
            recordsBehind++;
        }
    }

    /** How many backlog records the reader has read: a change means it is still catching up. */
    public long recordsBehind() {
        return recordsBehind;
    }
}
