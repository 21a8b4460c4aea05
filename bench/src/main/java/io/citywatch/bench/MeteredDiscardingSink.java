package io.citywatch.bench;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** Counts what arrives in a {@link Meter} and drops it. */
final class MeteredDiscardingSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    private final String meter;

    MeteredDiscardingSink(String meter) {
        this.meter = meter;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        Meter target = Meter.named(meter);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                target.mark();
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
