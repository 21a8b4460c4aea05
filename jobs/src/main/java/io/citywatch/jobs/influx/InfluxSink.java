package io.citywatch.jobs.influx;

import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.AsyncSinkBase;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Writes InfluxDB line protocol, batched by size and time, gzip-compressed, with bounded buffer and
 * requests in flight, retries with back-off, and rejected points to a dead-letter channel. Build it
 * with {@link #builder()}.
 */
public class InfluxSink extends AsyncSinkBase<String, String> {
    private static final long serialVersionUID = 1L;

    private final InfluxConnection connection;
    private final RejectedPoints rejectedPoints;
    private final Duration backoffInitial;
    private final Duration backoffMax;

    InfluxSink(
            int maxBatchSize,
            int maxInFlightRequests,
            int maxBufferedRequests,
            long maxBatchSizeInBytes,
            long maxTimeInBufferMS,
            long maxRecordSizeInBytes,
            long requestTimeoutMS,
            InfluxConnection connection,
            RejectedPoints rejectedPoints,
            Duration backoffInitial,
            Duration backoffMax) {
        super(
                new InfluxElementConverter(),
                maxBatchSize,
                maxInFlightRequests,
                maxBufferedRequests,
                maxBatchSizeInBytes,
                maxTimeInBufferMS,
                maxRecordSizeInBytes,
                requestTimeoutMS,
                false);
        this.connection = connection;
        this.rejectedPoints = rejectedPoints;
        this.backoffInitial = backoffInitial;
        this.backoffMax = backoffMax;
    }

    public static InfluxSinkBuilder builder() {
        return new InfluxSinkBuilder();
    }

    @Override
    public StatefulSinkWriter<String, BufferedRequestState<String>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<String, BufferedRequestState<String>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<String>> recoveredState) {
        AsyncSinkWriterConfiguration configuration =
                AsyncSinkWriterConfiguration.builder()
                        .setMaxBatchSize(getMaxBatchSize())
                        .setMaxBatchSizeInBytes(getMaxBatchSizeInBytes())
                        .setMaxInFlightRequests(getMaxInFlightRequests())
                        .setMaxBufferedRequests(getMaxBufferedRequests())
                        .setMaxTimeInBufferMS(getMaxTimeInBufferMS())
                        .setMaxRecordSizeInBytes(getMaxRecordSizeInBytes())
                        .setRequestTimeoutMS(getRequestTimeoutMS())
                        .setFailOnTimeout(getFailOnTimeout())
                        .build();
        return new InfluxSinkWriter(
                getElementConverter(),
                context,
                configuration,
                recoveredState,
                connection,
                rejectedPoints,
                new Backoff(backoffInitial, backoffMax));
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
        return new InfluxStateSerializer();
    }
}
