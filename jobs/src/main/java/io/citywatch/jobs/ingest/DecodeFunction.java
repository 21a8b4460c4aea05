package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.io.RawRecord;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;

/**
 * Decodes raw records of one topic; every record that fails goes to the dead-letter output with its
 * reason, and no input, however broken, escapes as an exception.
 */
public class DecodeFunction<T, OUT> extends ProcessFunction<RawRecord, OUT> {
    /** A codec of common/, e.g. {@code ReadingCodec::decode}. */
    public interface Decoder<T> extends Serializable {
        Parsed<T> decode(String raw);
    }

    /** Builds the stream element from the decoded value and its raw record. */
    public interface Wrapper<T, OUT> extends Serializable {
        OUT wrap(T value, RawRecord raw);
    }

    private final String topic;
    private final Decoder<T> decoder;
    private final Wrapper<T, OUT> wrapper;

    public DecodeFunction(String topic, Decoder<T> decoder, Wrapper<T, OUT> wrapper) {
        this.topic = topic;
        this.decoder = decoder;
        this.wrapper = wrapper;
    }

    @Override
    public void processElement(RawRecord raw, Context ctx, Collector<OUT> out) {
        Parsed<T> parsed;
        try {
            parsed = decoder.decode(raw.text);
        } catch (RuntimeException e) {
            // a codec bug must not turn one odd record into a job restart loop
            parsed = Parsed.rejected(RejectReason.bad_value, "unreadable record: " + e);
        }
        if (parsed.isOk()) {
            out.collect(wrapper.wrap(parsed.value(), raw));
        } else {
            ctx.output(
                    Outputs.DEAD_LETTERS,
                    DeadLetter.of(
                            topic,
                            parsed.reason(),
                            parsed.detail(),
                            raw.text,
                            raw.ingestTs,
                            raw.position));
        }
    }
}
