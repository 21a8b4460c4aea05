package io.citywatch.jobs.rules;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Holds the watermark at a replay's clock stop, so that CEP patterns with a time limit do not
 * complete at the end-of-input watermark as if all time had passed. A no-op in production, where
 * the clock never stops.
 */
public class WatermarkCeiling<T> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T> {
    private final long ceiling;

    public WatermarkCeiling(long ceiling) {
        this.ceiling = ceiling;
    }

    @Override
    public void processElement(StreamRecord<T> element) {
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark.getTimestamp() <= ceiling ? mark : new Watermark(ceiling));
    }
}
