package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.jobs.io.RawRecord;

import java.io.Serializable;

/**
 * How the records of one input topic are read: their codec and, for timed inputs, where their event
 * time is. The source reads event time with it (for its per-partition watermarks) and the decoder
 * reuses that decoding.
 */
public final class InputFormat<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A codec of common/, e.g. {@code ReadingCodec::decode}. */
    public interface Decoder<T> extends Serializable {
        Parsed<T> decode(String raw);
    }

    /** The event time of a decoded record, in epoch milliseconds. */
    public interface EventTime<T> extends Serializable {
        long of(T value);
    }

    private final Decoder<T> decoder;
    private final EventTime<T> eventTime;

    private InputFormat(Decoder<T> decoder, EventTime<T> eventTime) {
        this.decoder = decoder;
        this.eventTime = eventTime;
    }

    public static <T> InputFormat<T> timed(Decoder<T> decoder, EventTime<T> eventTime) {
        return new InputFormat<>(decoder, eventTime);
    }

    /** Records without event time (the registry): never late, never holding a watermark. */
    public static <T> InputFormat<T> untimed(Decoder<T> decoder) {
        return new InputFormat<>(decoder, null);
    }

    public boolean isTimed() {
        return eventTime != null;
    }

    /** The record decoded, once: reuses what the source decoded when it is still attached. */
    @SuppressWarnings("unchecked")
    public Parsed<T> decode(RawRecord raw) {
        if (raw.decoded == null) {
            raw.decoded = decodeText(raw.text);
        }
        return (Parsed<T>) raw.decoded;
    }

    /** The event time of a decoded record; {@link Long#MIN_VALUE} when it has none. */
    public long eventTime(Parsed<T> parsed) {
        return eventTime != null && parsed.isOk() ? eventTime.of(parsed.value()) : Long.MIN_VALUE;
    }

    private Parsed<T> decodeText(String text) {
        try {
            return decoder.decode(text);
        } catch (RuntimeException e) {
            // a codec bug must not turn one odd record into a job restart loop
            return Parsed.rejected(RejectReason.bad_value, "unreadable record: " + e);
        }
    }
}
