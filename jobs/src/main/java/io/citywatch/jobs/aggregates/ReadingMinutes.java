package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.SerializableFunction;

/**
 * {@link OpenMinutes} of readings, which are already spread by device: the input's own watermarks
 * close the minutes, and a reading with no time goes on alone. A partial minute is a POJO of a key,
 * its minute and the window's accumulator of its readings; the subclass names their fields.
 *
 * @param <A> the accumulator of a minute's readings
 */
abstract class ReadingMinutes<P, A extends ReadingMinutes.Readings<A>, OUT>
        extends OpenMinutes<ReadingSample, P, OUT> {
    /** The window's accumulator of readings, which a partial minute holds. */
    interface Readings<A> {
        void add(ReadingSample reading);

        /** Adds {@code later}, which arrived after what this holds. */
        A merge(A later);
    }

    private final SerializableFunction<ReadingSample, String> key;
    private final SerializableFunction<P, A> readingsOf;

    ReadingMinutes(
            String stateName,
            Class<P> type,
            SerializableFunction<ReadingSample, String> key,
            NewMinute<P> newMinute,
            SerializableFunction<P, String> keyOf,
            SerializableFunction<P, Long> minuteOf,
            SerializableFunction<P, A> readingsOf) {
        super(
                new ListStateDescriptor<>(stateName, TypeInformation.of(type)),
                newMinute,
                keyOf,
                minuteOf);
        this.key = key;
        this.readingsOf = readingsOf;
    }

    /** The input, on its own, as the window takes it. */
    abstract OUT alone(ReadingSample reading);

    @Override
    public void processElement(StreamRecord<ReadingSample> element) {
        ReadingSample reading = element.getValue();
        P partial =
                element.hasTimestamp()
                        ? openMinute(Minutes.start(element.getTimestamp()), key.apply(reading))
                        : null;
        if (partial == null) {
            output.collect(element.replace(alone(reading)));
        } else {
            readingsOf.apply(partial).add(reading);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        close(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    void merge(P held, P more) {
        readingsOf.apply(held).merge(readingsOf.apply(more));
    }
}
