package io.citywatch.jobs.influx;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's metrics: points written, retried, rejected; latency of the last batch; points pending
 * (buffered or in flight) and the buffer's fill ratio.
 */
final class InfluxSinkMetrics {
    final Counter written;
    final Counter retried;
    final Counter rejected;
    final Counter failedRequests;
    private final AtomicLong lastBatchMillis = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();

    InfluxSinkMetrics(MetricGroup parent, int maxBufferedRequests) {
        MetricGroup group = parent == null ? null : parent.addGroup("influxdb");
        written = counter(group, "pointsWritten");
        retried = counter(group, "pointsRetried");
        rejected = counter(group, "pointsRejected");
        failedRequests = counter(group, "failedRequests");
        if (group != null) {
            group.gauge("lastBatchLatencyMs", (Gauge<Long>) lastBatchMillis::get);
            group.gauge("pointsPending", (Gauge<Long>) pending::get);
            group.gauge(
                    "bufferFill",
                    (Gauge<Double>)
                            () -> Math.min(1.0, pending.get() / (double) maxBufferedRequests));
        }
    }

    private static Counter counter(MetricGroup group, String name) {
        return group == null ? new SimpleCounter() : group.counter(name);
    }

    void accepted() {
        pending.incrementAndGet();
    }

    void wrote(long points) {
        written.inc(points);
        pending.addAndGet(-points);
    }

    void rejected(long points) {
        rejected.inc(points);
        pending.addAndGet(-points);
    }

    void batchLatency(long millis) {
        lastBatchMillis.set(millis);
    }

    long pending() {
        return pending.get();
    }
}
