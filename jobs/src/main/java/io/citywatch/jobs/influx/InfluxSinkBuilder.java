package io.citywatch.jobs.influx;

import org.apache.flink.connector.base.sink.AsyncSinkBaseBuilder;

import java.time.Duration;

/**
 * Builds an {@link InfluxSink}; every limit has a default, and {@link #build()} checks them all in
 * one place with a message that says how to fix a bad one.
 */
public class InfluxSinkBuilder extends AsyncSinkBaseBuilder<String, String, InfluxSinkBuilder> {
    public static final long DEFAULT_MAX_BATCH_SIZE_IN_BYTES = 8L * 1024 * 1024;
    public static final long DEFAULT_MAX_RECORD_SIZE_IN_BYTES = 1024L * 1024;

    private InfluxConnection connection;
    private RejectedPoints rejectedPoints = new RejectedPointsLog();
    private Duration retryInitial = InfluxSinkOptions.RETRY_INITIAL.defaultValue();
    private Duration retryMax = InfluxSinkOptions.RETRY_MAX.defaultValue();

    InfluxSinkBuilder() {}

    public InfluxSinkBuilder setConnection(InfluxConnection connection) {
        this.connection = connection;
        return this;
    }

    /** Where points the server rejects as malformed go (default: the log). */
    public InfluxSinkBuilder setRejectedPoints(RejectedPoints rejectedPoints) {
        this.rejectedPoints = rejectedPoints;
        return this;
    }

    public InfluxSinkBuilder setRetryBackoff(Duration initial, Duration max) {
        this.retryInitial = initial;
        this.retryMax = max;
        return this;
    }

    @Override
    public InfluxSink build() {
        if (connection == null) {
            throw new IllegalArgumentException(
                    "no InfluxDB connection: call setConnection(InfluxConnection.v1(…) or v2(…))");
        }
        if (rejectedPoints == null) {
            throw new IllegalArgumentException("rejected points need a channel: RejectedPointsLog");
        }
        int batch = orDefault(getMaxBatchSize(), InfluxSinkOptions.BATCH_SIZE.defaultValue());
        // one request in flight keeps re-emitted rows in order (a later version wins)
        int inFlight =
                orDefault(getMaxInFlightRequests(), InfluxSinkOptions.MAX_IN_FLIGHT.defaultValue());
        int buffered =
                orDefault(getMaxBufferedRequests(), InfluxSinkOptions.MAX_BUFFERED.defaultValue());
        long batchBytes = orDefault(getMaxBatchSizeInBytes(), DEFAULT_MAX_BATCH_SIZE_IN_BYTES);
        long flushMillis =
                orDefault(
                        getMaxTimeInBufferMS(),
                        InfluxSinkOptions.FLUSH_INTERVAL.defaultValue().toMillis());
        long recordBytes = orDefault(getMaxRecordSizeInBytes(), DEFAULT_MAX_RECORD_SIZE_IN_BYTES);
        require(batch >= 1, "influx-batch-size must be at least 1, got " + batch);
        require(inFlight >= 1, "influx-max-in-flight must be at least 1, got " + inFlight);
        require(
                buffered >= batch,
                "influx-max-buffered ("
                        + buffered
                        + ") must be at least influx-batch-size ("
                        + batch
                        + ")");
        require(flushMillis >= 1, "influx-flush-interval must be positive");
        require(
                recordBytes <= batchBytes,
                "the largest line (" + recordBytes + " B) must fit a batch (" + batchBytes + " B)");
        require(
                !retryInitial.isNegative()
                        && !retryInitial.isZero()
                        && retryMax.compareTo(retryInitial) >= 0,
                "retry back-off needs 0 < initial ≤ max, got " + retryInitial + " / " + retryMax);
        // Flink gives up on (and re-queues) a request after this; ours end sooner (HTTP timeout
        // plus the longest back-off), so it only guards against a hung thread.
        long requestTimeout =
                Math.max(
                        Duration.ofMinutes(10).toMillis(),
                        3 * (connection.requestTimeout.toMillis() + retryMax.toMillis()));
        return new InfluxSink(
                batch,
                inFlight,
                buffered,
                batchBytes,
                flushMillis,
                recordBytes,
                requestTimeout,
                connection,
                rejectedPoints,
                retryInitial,
                retryMax);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static int orDefault(Integer value, int defaultValue) {
        return value == null ? defaultValue : value;
    }

    private static long orDefault(Long value, long defaultValue) {
        return value == null ? defaultValue : value;
    }
}
