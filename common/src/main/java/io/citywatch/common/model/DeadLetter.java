package io.citywatch.common.model;

import io.citywatch.common.codec.RejectReason;

/** A rejected record with its reason and its original text, whole (docs/contract.md §3.2). */
public class DeadLetter {
    /** The topic the record came from. */
    public String source;

    public RejectReason reason;
    public String detail;
    public String raw;

    /** Event time when the record had a readable one, else when it was ingested; may be null. */
    public Long ts;

    /** Position in its source (file line or Kafka offset), to order dead letters reproducibly. */
    public long position;

    public DeadLetter() {}

    public static DeadLetter of(
            String source, RejectReason reason, String detail, String raw, Long ts, long position) {
        DeadLetter letter = new DeadLetter();
        letter.source = source;
        letter.reason = reason;
        letter.detail = detail;
        letter.raw = raw;
        letter.ts = ts;
        letter.position = position;
        return letter;
    }

    @Override
    public String toString() {
        return "DeadLetter{" + source + " " + reason + ": " + detail + "}";
    }
}
