package io.citywatch.jobs.ingest;

import io.citywatch.jobs.io.RawRecord;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/**
 * Event time as the sources generate it: per Kafka partition (Flink's per-split watermarks), with
 * bounded out-of-orderness, idleness per partition (ReaderIdleness), and alignment across the
 * partitions (and the parallel readers) of each input so that none reads far ahead while a backlog
 * is caught up.
 *
 * <p>Each input is aligned on its own, not with the others. Incidents and alert actions are sparse:
 * their watermark moves only when one comes, so readings aligned to it would stop after every
 * incident until its partition counts as idle — once a partition has been read to its end, Flink
 * cannot tell it from one that is behind. They need no alignment with the readings either: the
 * incident rules run on the slower of the two clocks (CityWatchJob#withReadingsClock), and what a
 * sparse input reads ahead waits in little state.
 */
public final class SourceWatermarks {
    /** Prefix of the watermark group of each timed input, e.g. {@code citywatch.readings}. */
    public static final String ALIGNMENT_GROUP = "citywatch.";

    /**
     * How often sources report their watermarks and learn how far they may read: a partition
     * further than {@code max-watermark-drift} ahead of the slowest of its input waits for the next
     * announcement.
     */
    public static final Duration ALIGNMENT_UPDATE_INTERVAL = Duration.ofMillis(200);

    /**
     * How one run generates its watermarks.
     *
     * @param maxOutOfOrderness how far behind its partition's newest event a record may be
     * @param idleness a partition quiet this long stops holding the watermark back; zero: never
     * @param maxDrift how far a partition or source may read ahead of the slowest; null: no
     *     alignment
     * @param everyRecord a watermark after every record (a replay: deterministic), else
     *     periodically
     * @param periodicEmitMillis how often the sources emit watermarks (the job's
     *     auto-watermark-interval), which paces idleness (ReaderIdleness)
     */
    public record Settings(
            Duration maxOutOfOrderness,
            Duration idleness,
            Duration maxDrift,
            boolean everyRecord,
            long periodicEmitMillis)
            implements java.io.Serializable {}

    private SourceWatermarks() {}

    /**
     * The watermark generator of each partition. Each reader (source subtask) deserializes its own
     * copy of this supplier, so the backlog its partitions share is the reader's.
     */
    private static final class PerPartition implements WatermarkGeneratorSupplier<RawRecord> {
        private static final long serialVersionUID = 1L;

        private final long lagMillis;
        private final boolean everyRecord;
        private final long idleMillis;
        private final long emitMillis;
        private transient ReaderBacklog backlog;

        PerPartition(long lagMillis, boolean everyRecord, long idleMillis, long emitMillis) {
            this.lagMillis = lagMillis;
            this.everyRecord = everyRecord;
            this.idleMillis = idleMillis;
            this.emitMillis = emitMillis;
        }

        @Override
        public WatermarkGenerator<RawRecord> createWatermarkGenerator(Context context) {
            BoundedLagWatermarks<RawRecord> watermarks =
                    new BoundedLagWatermarks<>(lagMillis, everyRecord);
            if (idleMillis == 0) {
                return watermarks;
            }
            if (backlog == null) {
                // half the idleness: a reader that far behind the head can keep a partition
                // waiting for its turn for longer than idleness
                backlog = new ReaderBacklog(idleMillis / 2, System::currentTimeMillis);
            }
            return new ReaderIdleness<>(
                    watermarks,
                    idleMillis,
                    emitMillis,
                    context.getInputActivityClock(),
                    backlog,
                    raw -> raw.ingestTs == null ? Long.MIN_VALUE : raw.ingestTs);
        }
    }

    /**
     * The source decodes each record for its event time (the decoder downstream reuses it); a
     * record that cannot be decoded has none and moves no watermark.
     */
    public static <T> WatermarkStrategy<RawRecord> of(
            String input, InputFormat<T> format, Settings settings) {
        long lag = settings.maxOutOfOrderness().toMillis();
        boolean everyRecord = settings.everyRecord();
        long idleMillis = settings.idleness().toMillis();
        long emitMillis = settings.periodicEmitMillis();
        WatermarkStrategy<RawRecord> strategy =
                WatermarkStrategy.<RawRecord>forGenerator(
                                new PerPartition(lag, everyRecord, idleMillis, emitMillis))
                        .withTimestampAssigner(
                                (raw, kafkaTimestamp) -> format.eventTime(format.decode(raw)));
        if (settings.maxDrift() != null) {
            strategy =
                    strategy.withWatermarkAlignment(
                            ALIGNMENT_GROUP + input,
                            settings.maxDrift(),
                            ALIGNMENT_UPDATE_INTERVAL);
        }
        return strategy;
    }
}
