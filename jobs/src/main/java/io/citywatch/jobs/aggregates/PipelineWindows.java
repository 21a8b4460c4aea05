package io.citywatch.jobs.aggregates;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** {@code pipeline_1m}: accepted, rejected and late records of one input stream per minute. */
public final class PipelineWindows {
    private PipelineWindows() {}

    /** The counts. */
    public static class Counts {
        public long accepted;
        public long rejected;
        public long late;

        public Counts() {}
    }

    /**
     * Adds up the counts of the {@link PipelineClock} subtasks. The accumulator is the window state
     * a savepoint holds, so it stays {@link Counts}.
     */
    public static class Aggregate implements AggregateFunction<PipelineCount, Counts, Counts> {
        @Override
        public Counts createAccumulator() {
            return new Counts();
        }

        @Override
        public Counts add(PipelineCount count, Counts counts) {
            counts.accepted += count.accepted;
            counts.rejected += count.rejected;
            counts.late += count.late;
            return counts;
        }

        @Override
        public Counts getResult(Counts counts) {
            return counts;
        }

        @Override
        public Counts merge(Counts a, Counts b) {
            a.accepted += b.accepted;
            a.rejected += b.rejected;
            a.late += b.late;
            return a;
        }
    }

    /** Emits the minute's row, again (overwriting it) for each record that arrives later. */
    public static class Rows extends ProcessWindowFunction<Counts, String, String, TimeWindow> {
        @Override
        public void process(
                String stream, Context ctx, Iterable<Counts> counts, Collector<String> out) {
            Counts c = counts.iterator().next();
            out.collect(
                    Measurements.pipeline1m(
                            ctx.window().getStart(), stream, c.accepted, c.rejected, c.late));
        }
    }
}
