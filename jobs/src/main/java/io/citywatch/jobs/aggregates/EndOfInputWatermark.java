package io.citywatch.jobs.aggregates;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Releases the watermark at the end of a bounded input. The alert stream of a replay is held at the
 * replay's clock stop (so rule timers beyond it stay pending); once it has ended no alert can
 * follow, and the aggregates' last minute may close. A no-op on unbounded input.
 */
public class EndOfInputWatermark<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T>, BoundedOneInput {
    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void endInput() {
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }
}
