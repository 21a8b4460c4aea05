package io.citywatch.jobs.ingest;

import io.citywatch.jobs.io.RawRecord;

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
     * How often sources report their watermarks and learn how far they may read. A partition may
     * read at most {@code max-watermark-drift} further per interval, which bounds how fast a
     * backlog is caught up: 60 s per 200 ms, 300 times real time (a 4-hour backlog in 48 s).
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
                                ctx -> {
                                    BoundedLagWatermarks<RawRecord> watermarks =
                                            new BoundedLagWatermarks<>(lag, everyRecord);
                                    return idleMillis == 0
                                            ? watermarks
                                            : new ReaderIdleness<>(
                                                    watermarks,
                                                    idleMillis,
                                                    emitMillis,
                                                    ctx.getInputActivityClock());
                                })
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
