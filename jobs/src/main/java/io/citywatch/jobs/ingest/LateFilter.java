package io.citywatch.jobs.ingest;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.events.Traced;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends records that arrive behind the watermark the rules run on to the dead-letter output as
 * {@code late}, so a late record is counted and kept instead of silently changing (or not changing)
 * a rule result. The decoders already dead-letter every record behind its own partition; what
 * reaches this point behind the watermark came from a partition that had gone idle (quiet for
 * longer than {@code idleness}) while the others moved on, or is an incident older than the
 * readings' clock that incident rules run on.
 */
public class LateFilter<T extends Traced> extends ProcessFunction<T, T> {
    private final String topic;
    private transient Counter lateRecords;

    public LateFilter(String topic) {
        this.topic = topic;
    }

    @Override
    public void open(OpenContext openContext) {
        lateRecords = getRuntimeContext().getMetricGroup().counter("lateRecords");
    }

    @Override
    public void processElement(T event, Context ctx, Collector<T> out) {
        long watermark = ctx.timerService().currentWatermark();
        if (event.hasEventTime() && event.eventTime() <= watermark) {
            lateRecords.inc();
            ctx.output(
                    Outputs.DEAD_LETTERS,
                    DeadLetter.of(
                            topic,
                            RejectReason.late,
                            "event time "
                                    + java.time.Instant.ofEpochMilli(event.eventTime())
                                    + " is behind the watermark of the city's inputs "
                                    + java.time.Instant.ofEpochMilli(watermark),
                            event.raw(),
                            event.eventTime(),
                            event.position()));
            return;
        }
        event.dropRaw();
        out.collect(event);
    }
}
