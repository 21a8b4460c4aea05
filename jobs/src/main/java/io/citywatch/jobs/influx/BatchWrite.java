package io.citywatch.jobs.influx;

import io.citywatch.common.model.DeadLetter;

import com.influxdb.exceptions.InfluxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes one batch and decides what happens next, without Flink: the {@link InfluxSinkWriter} turns
 * the {@link Outcome} into complete / retry these entries / fail. Points are idempotent (same
 * series and timestamp), so rewriting lines a partial write already stored is harmless: that keeps
 * one strategy for InfluxDB 1.x (which stores the good lines of a partial write), 2.x (which stores
 * none) and 3.x.
 */
public final class BatchWrite {
    private static final Logger LOG = LoggerFactory.getLogger(BatchWrite.class);

    /** What the writer does with the batch now. */
    public record Outcome(Kind kind, List<String> retry, long delayMillis, Exception error) {
        public enum Kind {
            DONE,
            RETRY,
            FAIL
        }

        static Outcome done() {
            return new Outcome(Kind.DONE, List.of(), 0, null);
        }

        static Outcome retry(List<String> lines, long delayMillis) {
            return new Outcome(Kind.RETRY, lines, delayMillis, null);
        }

        static Outcome fail(Exception error) {
            return new Outcome(Kind.FAIL, List.of(), 0, error);
        }
    }

    private final InfluxWrites writes;
    private final InfluxConnection connection;
    private final RejectedPoints rejectedPoints;
    private final Backoff backoff;
    private final InfluxSinkMetrics metrics;

    BatchWrite(
            InfluxWrites writes,
            InfluxConnection connection,
            RejectedPoints rejectedPoints,
            Backoff backoff,
            InfluxSinkMetrics metrics) {
        this.writes = writes;
        this.connection = connection;
        this.rejectedPoints = rejectedPoints;
        this.backoff = backoff;
        this.metrics = metrics;
    }

    public Outcome attempt(List<String> batch) {
        long started = System.nanoTime();
        try {
            writes.write(batch);
        } catch (InfluxException e) {
            return failed(batch, e);
        }
        metrics.batchLatency((System.nanoTime() - started) / 1_000_000);
        metrics.wrote(batch.size());
        backoff.reset();
        return Outcome.done();
    }

    private Outcome failed(List<String> batch, InfluxException e) {
        metrics.failedRequests.inc();
        WriteFailures.Decision decision = WriteFailures.classify(e, batch);
        return switch (decision.action()) {
            case RETRY -> retryLater(batch, e, decision);
            case FAIL ->
                    Outcome.fail(
                            new InfluxSinkException(
                                    WriteFailures.fatalMessage(
                                            e.status(), decision.serverMessage(), connection),
                                    e));
            case REJECT_LINES -> {
                List<String> rejected = new ArrayList<>();
                for (int index : decision.rejected()) {
                    rejected.add(batch.get(index));
                }
                if (!sideChannel(rejected, decision.serverMessage())) {
                    yield retryLater(batch, e, decision);
                }
                List<String> rest = without(batch, decision.rejected());
                // the rest goes round again at once: rewriting lines 1.x already stored is harmless
                yield rest.isEmpty() ? Outcome.done() : Outcome.retry(rest, 0);
            }
            case SPLIT -> bisect(batch, e);
        };
    }

    /**
     * The server rejected points without naming them (e.g. a field type conflict): halves are
     * written until each rejected point is alone.
     */
    private Outcome bisect(List<String> batch, InfluxException first) {
        Deque<List<String>> work = new ArrayDeque<>();
        pushHalves(work, batch);
        while (!work.isEmpty()) {
            List<String> part = work.pop();
            try {
                writes.write(part);
                metrics.wrote(part.size());
            } catch (InfluxException e) {
                WriteFailures.Decision decision = WriteFailures.classify(e, part);
                switch (decision.action()) {
                    case RETRY -> {
                        List<String> unwritten = new ArrayList<>(part);
                        work.forEach(unwritten::addAll);
                        return retryLater(unwritten, e, decision);
                    }
                    case FAIL -> {
                        return Outcome.fail(
                                new InfluxSinkException(
                                        WriteFailures.fatalMessage(
                                                e.status(), decision.serverMessage(), connection),
                                        e));
                    }
                    case REJECT_LINES -> {
                        List<String> rejected = new ArrayList<>();
                        for (int index : decision.rejected()) {
                            rejected.add(part.get(index));
                        }
                        if (!sideChannel(rejected, decision.serverMessage())) {
                            List<String> unwritten = new ArrayList<>(part);
                            work.forEach(unwritten::addAll);
                            return retryLater(unwritten, e, decision);
                        }
                        List<String> rest = without(part, decision.rejected());
                        if (!rest.isEmpty()) {
                            work.push(rest);
                        }
                    }
                    case SPLIT -> pushHalves(work, part);
                }
            }
        }
        backoff.reset();
        return Outcome.done();
    }

    private static void pushHalves(Deque<List<String>> work, List<String> part) {
        int middle = part.size() / 2;
        work.push(new ArrayList<>(part.subList(middle, part.size())));
        work.push(new ArrayList<>(part.subList(0, middle)));
    }

    private Outcome retryLater(
            List<String> lines, InfluxException e, WriteFailures.Decision decision) {
        long delay = backoff.next(decision.retryAfterMillis());
        metrics.retried.inc(lines.size());
        int failures = backoff.failures();
        if (failures == 1 || failures % 10 == 0) {
            LOG.warn(
                    "InfluxDB write to {} failed ({}{}); retry {} of {} points in {} ms, {} points"
                            + " pending",
                    connection.describe(),
                    e.status() == 0 ? "no answer: " : "HTTP " + e.status() + ": ",
                    decision.serverMessage(),
                    failures,
                    lines.size(),
                    delay,
                    metrics.pending());
        }
        return Outcome.retry(lines, delay);
    }

    /** Hands rejected lines to the dead-letter channel; false when that failed (retry later). */
    private boolean sideChannel(List<String> rejected, String serverMessage) {
        List<DeadLetter> letters = new ArrayList<>();
        for (String line : rejected) {
            letters.add(RejectedPoints.deadLetter(line, serverMessage));
        }
        try {
            rejectedPoints.rejected(letters);
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "cannot dead-letter {} rejected InfluxDB points: {}",
                    rejected.size(),
                    e.toString());
            return false;
        }
        metrics.rejected(rejected.size());
        LOG.warn(
                "InfluxDB rejected {} point(s) of a batch ({}); dead-lettered as influx_rejected",
                rejected.size(),
                serverMessage);
        return true;
    }

    private static List<String> without(List<String> batch, List<Integer> indexes) {
        Set<Integer> drop = new HashSet<>(indexes);
        List<String> rest = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            if (!drop.contains(i)) {
                rest.add(batch.get(i));
            }
        }
        return rest;
    }
}
