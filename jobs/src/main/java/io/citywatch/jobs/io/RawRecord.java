package io.citywatch.jobs.io;

import io.citywatch.common.codec.Parsed;

/** One input record as it arrived, before any parsing: the text and where it came from. */
public class RawRecord {
    public String text;

    /** Line number in a replay file, or the Kafka offset. */
    public long position;

    /** Kafka record timestamp; null in a replay. */
    public Long ingestTs;

    /** The Kafka partition it was read from; 0 for a replay file. Event time is per partition. */
    public int partition;

    /**
     * The record decoded where the source reads its event time, so that the decoder downstream does
     * not parse it again. Not serialized: a copy of the record (a shuffle, or a job without object
     * reuse) is simply decoded once more.
     */
    public transient Parsed<?> decoded;

    public RawRecord() {}

    public RawRecord(String text, long position, Long ingestTs) {
        this.text = text;
        this.position = position;
        this.ingestTs = ingestTs;
    }

    public RawRecord(String text, long position, Long ingestTs, int partition) {
        this(text, position, ingestTs);
        this.partition = partition;
    }
}
