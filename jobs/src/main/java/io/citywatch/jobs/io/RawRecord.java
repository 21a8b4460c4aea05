package io.citywatch.jobs.io;

/** One input record as it arrived, before any parsing: the text and where it came from. */
public class RawRecord {
    public String text;

    /** Line number in a replay file, or the Kafka offset. */
    public long position;

    /** Kafka record timestamp; null in a replay. */
    public Long ingestTs;

    public RawRecord() {}

    public RawRecord(String text, long position, Long ingestTs) {
        this.text = text;
        this.position = position;
        this.ingestTs = ingestTs;
    }
}
