package io.citywatch.jobs.influx;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends batches of lines with the blocking client on its own threads and sorts each result into
 * done / retry these lines (after a back-off, holding the in-flight slot so that a slow or absent
 * InfluxDB back-pressures the job) / fail the job. {@link AsyncSinkWriter} flushes the buffer
 * before every checkpoint, which makes the sink at-least-once; retried lines go back to the head of
 * the buffer, so with one request in flight (the default) rows re-emitted by a late window still
 * land after their earlier version.
 */
public class InfluxSinkWriter extends AsyncSinkWriter<String, String> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);

    private final InfluxConnection connection;
    private final InfluxWrites writes;
    private final RejectedPoints rejectedPoints;
    private final InfluxSinkMetrics metrics;
    private final BatchWrite batchWrite;
    private final ExecutorService requests;
    private final ScheduledExecutorService retries;

    InfluxSinkWriter(
            ElementConverter<String, String> converter,
            WriterInitContext context,
            AsyncSinkWriterConfiguration configuration,
            Collection<BufferedRequestState<String>> states,
            InfluxConnection connection,
            RejectedPoints rejectedPoints,
            Backoff backoff) {
        super(converter, context, configuration, states);
        this.connection = connection;
        this.rejectedPoints = rejectedPoints;
        this.metrics =
                new InfluxSinkMetrics(
                        context.metricGroup(), configuration.getMaxBufferedRequests());
        for (BufferedRequestState<String> state : states) {
            for (int i = 0; i < state.getBufferedRequestEntries().size(); i++) {
                metrics.accepted();
            }
        }
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        try {
            rejectedPoints.open(subtask);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the channel for rejected points", e);
        }
        this.writes = connection.open();
        this.batchWrite = new BatchWrite(writes, connection, rejectedPoints, backoff, metrics);
        this.requests =
                Executors.newFixedThreadPool(
                        configuration.getMaxInFlightRequests(),
                        runnable -> daemon(runnable, "influxdb-writes-" + subtask));
        this.retries =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> daemon(runnable, "influxdb-retries-" + subtask));
        LOG.info("InfluxDB sink subtask {} writes to {}", subtask, connection.describe());
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void write(String line, SinkWriter.Context context)
            throws IOException, InterruptedException {
        metrics.accepted();
        super.write(line, context);
    }

    @Override
    protected void submitRequestEntries(List<String> batch, ResultHandler<String> handler) {
        try {
            requests.execute(() -> run(batch, handler));
        } catch (RejectedExecutionException e) {
            // closing: the lines stay in the checkpointed buffer of the previous checkpoint
            handler.retryForEntries(batch);
        }
    }

    private void run(List<String> batch, ResultHandler<String> handler) {
        try {
            report(attempt(batch), handler);
        } catch (RejectedExecutionException taskClosed) {
            // the task closed while the request ran: its lines are still in the last checkpoint
            LOG.debug("InfluxDB request finished after its task closed");
        }
    }

    private void report(BatchWrite.Outcome outcome, ResultHandler<String> handler) {
        switch (outcome.kind()) {
            case DONE -> handler.complete();
            case FAIL -> handler.completeExceptionally(outcome.error());
            case RETRY -> {
                if (outcome.delayMillis() <= 0) {
                    handler.retryForEntries(outcome.retry());
                    return;
                }
                try {
                    retries.schedule(
                            () -> handler.retryForEntries(outcome.retry()),
                            outcome.delayMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                    handler.retryForEntries(outcome.retry());
                }
            }
        }
    }

    private BatchWrite.Outcome attempt(List<String> batch) {
        try {
            return batchWrite.attempt(batch);
        } catch (RuntimeException e) {
            return BatchWrite.Outcome.fail(
                    new InfluxSinkException(
                            "unexpected error writing to " + connection.describe(), e));
        }
    }

    @Override
    protected long getSizeInBytes(String line) {
        return utf8Length(line);
    }

    static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        requests.shutdownNow();
        retries.shutdownNow();
        try {
            writes.close();
        } finally {
            try {
                rejectedPoints.close();
            } catch (IOException e) {
                LOG.warn("cannot close the channel for rejected points: {}", e.toString());
            }
            super.close();
        }
    }
}
