package io.citywatch.jobs.influx;

import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.DeadLetter;

import com.influxdb.exceptions.InfluxException;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.junit.jupiter.api.Test;
import retrofit2.Response;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The writer's decisions with a scripted failing client: retry, fail, reject, split. */
class BatchWriteTest {
    static final InfluxConnection TARGET =
            InfluxConnection.v1(
                    "http://influx:8086", "citywatch", null, true, Duration.ofSeconds(1));

    /** Answers each write with the next scripted reaction; records what was sent. */
    static final class ScriptedWrites implements InfluxWrites {
        final Deque<Function<List<String>, InfluxException>> script = new ArrayDeque<>();
        final List<List<String>> sent = new ArrayList<>();
        Function<List<String>, InfluxException> otherwise = lines -> null;

        @Override
        public void write(List<String> lines) {
            sent.add(List.copyOf(lines));
            Function<List<String>, InfluxException> next =
                    script.isEmpty() ? otherwise : script.poll();
            InfluxException e = next.apply(lines);
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void close() {}
    }

    static final class Collected implements RejectedPoints {
        final List<DeadLetter> letters = new ArrayList<>();
        boolean broken;

        @Override
        public void open(int subtask) {}

        @Override
        public void rejected(List<DeadLetter> rejected) throws IOException {
            if (broken) {
                throw new IOException("dead-letter topic unavailable");
            }
            letters.addAll(rejected);
        }

        @Override
        public void close() {}
    }

    static InfluxException http(int status, String error) {
        return new InfluxException(
                Response.error(
                        status,
                        ResponseBody.create(
                                "{\"error\":\"" + error.replace("\"", "\\\"") + "\"}",
                                MediaType.parse("application/json"))));
    }

    final ScriptedWrites writes = new ScriptedWrites();
    final Collected rejected = new Collected();
    final InfluxSinkMetrics metrics = new InfluxSinkMetrics(null, 100);
    final BatchWrite batchWrite =
            new BatchWrite(
                    writes,
                    TARGET,
                    rejected,
                    new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), bound -> bound),
                    metrics);

    static final List<String> BATCH =
            List.of("m v=1 1000", "m v=2 2000", "m v=3 3000", "m v=4 4000");

    @Test
    void writesABatchInOneRequest() {
        assertThat(batchWrite.attempt(BATCH).kind()).isEqualTo(BatchWrite.Outcome.Kind.DONE);
        assertThat(writes.sent).containsExactly(BATCH);
        assertThat(metrics.written.getCount()).isEqualTo(4);
    }

    @Test
    void retriesServerErrorsAndOutagesWithGrowingBackoff() {
        writes.script.add(lines -> http(503, "service unavailable"));
        writes.script.add(lines -> new InfluxException(new ConnectException("refused")));
        writes.script.add(lines -> http(429, "too many requests"));

        BatchWrite.Outcome first = batchWrite.attempt(BATCH);
        BatchWrite.Outcome second = batchWrite.attempt(first.retry());
        BatchWrite.Outcome third = batchWrite.attempt(second.retry());
        BatchWrite.Outcome fourth = batchWrite.attempt(third.retry());

        assertThat(List.of(first, second, third))
                .allSatisfy(
                        outcome -> {
                            assertThat(outcome.kind()).isEqualTo(BatchWrite.Outcome.Kind.RETRY);
                            assertThat(outcome.retry()).isEqualTo(BATCH);
                        });
        // jitter pinned to its upper bound: 100, 200, 400 ms
        assertThat(List.of(first.delayMillis(), second.delayMillis(), third.delayMillis()))
                .containsExactly(100L, 200L, 400L);
        assertThat(fourth.kind()).isEqualTo(BatchWrite.Outcome.Kind.DONE);
        assertThat(metrics.retried.getCount()).isEqualTo(12);
        assertThat(metrics.written.getCount()).isEqualTo(4);
    }

    @Test
    void backoffIsCappedAndJittered() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int i = 0; i < 20; i++) {
            long delay = backoff.next(0);
            long ceiling = Math.min(1000, 100L << i);
            assertThat(delay).isBetween(ceiling / 2, ceiling);
        }
        assertThat(backoff.next(30_000)).as("Retry-After wins, within reason").isEqualTo(4_000);
    }

    @Test
    void aWholeBatchRefusalFailsTheJobWithAHint() {
        writes.script.add(lines -> http(401, "authorization failed"));
        BatchWrite.Outcome outcome = batchWrite.attempt(BATCH);
        assertThat(outcome.kind()).isEqualTo(BatchWrite.Outcome.Kind.FAIL);
        assertThat(outcome.error())
                .isInstanceOf(InfluxSinkException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("authorization failed")
                .hasMessageContaining("INFLUX_USER");

        writes.script.add(lines -> http(404, "database not found: \"citywatch\""));
        assertThat(batchWrite.attempt(BATCH).error())
                .hasMessageContaining("CREATE DATABASE citywatch");
        assertThat(rejected.letters).isEmpty();
    }

    @Test
    void aMalformedPointIsDeadLetteredAndTheRestRewritten() {
        String bad = "m v= 2000";
        List<String> batch = List.of("m v=1 1000", bad, "m v=3 3000");
        writes.script.add(
                lines ->
                        http(
                                400,
                                "partial write: unable to parse '"
                                        + bad
                                        + "': missing field value dropped=0"));

        BatchWrite.Outcome outcome = batchWrite.attempt(batch);

        assertThat(outcome.kind()).isEqualTo(BatchWrite.Outcome.Kind.RETRY);
        assertThat(outcome.delayMillis()).isZero();
        assertThat(outcome.retry()).containsExactly("m v=1 1000", "m v=3 3000");
        assertThat(rejected.letters).hasSize(1);
        DeadLetter letter = rejected.letters.get(0);
        assertThat(letter.reason).isEqualTo(RejectReason.influx_rejected);
        assertThat(letter.source).isEqualTo("influxdb");
        assertThat(letter.raw).isEqualTo(bad);
        assertThat(letter.ts).isEqualTo(2000L);
        assertThat(letter.detail).contains("unable to parse");
        assertThat(metrics.rejected.getCount()).isEqualTo(1);
    }

    @Test
    void numberedLinesOfInfluxDb2AreRejectedToo() {
        writes.script.add(lines -> http(400, "failed to parse line protocol: errors on line 2:"));
        BatchWrite.Outcome outcome = batchWrite.attempt(BATCH);
        assertThat(outcome.retry()).containsExactly("m v=1 1000", "m v=3 3000", "m v=4 4000");
        assertThat(rejected.letters).extracting(l -> l.raw).containsExactly("m v=2 2000");
    }

    @Test
    void anUnnamedRejectionIsFoundBySplittingTheBatch() {
        String conflict = "m v=3i 3000";
        List<String> batch = List.of("m v=1 1000", "m v=2 2000", conflict, "m v=4 4000");
        writes.otherwise =
                lines ->
                        lines.contains(conflict)
                                ? http(
                                        400,
                                        "partial write: field type conflict: input field v is type float,"
                                                + " already exists as type integer dropped=1")
                                : null;

        BatchWrite.Outcome outcome = batchWrite.attempt(batch);

        assertThat(outcome.kind()).isEqualTo(BatchWrite.Outcome.Kind.DONE);
        assertThat(rejected.letters).extracting(l -> l.raw).containsExactly(conflict);
        assertThat(metrics.written.getCount()).isEqualTo(3);
        assertThat(writes.sent)
                .contains(List.of("m v=1 1000", "m v=2 2000"), List.of("m v=4 4000"));
    }

    @Test
    void anOutageWhileSplittingRetriesWhatIsNotWrittenYet() {
        String conflict = "m v=1i 1000";
        List<String> batch = List.of(conflict, "m v=2 2000", "m v=3 3000", "m v=4 4000");
        writes.script.add(lines -> http(422, "partial write: field type conflict dropped=1"));
        writes.script.add(lines -> http(422, "partial write: field type conflict dropped=1"));
        writes.script.add(lines -> http(503, "down"));

        BatchWrite.Outcome outcome = batchWrite.attempt(batch);

        assertThat(outcome.kind()).isEqualTo(BatchWrite.Outcome.Kind.RETRY);
        assertThat(outcome.retry()).containsExactlyInAnyOrderElementsOf(batch);
        assertThat(outcome.delayMillis()).isPositive();
    }

    @Test
    void aBrokenDeadLetterChannelRetriesInsteadOfLosingThePoint() {
        rejected.broken = true;
        writes.script.add(lines -> http(400, "unable to parse 'm v=2 2000': bad"));
        BatchWrite.Outcome outcome = batchWrite.attempt(BATCH);
        assertThat(outcome.kind()).isEqualTo(BatchWrite.Outcome.Kind.RETRY);
        assertThat(outcome.retry()).isEqualTo(BATCH);
        assertThat(outcome.delayMillis()).isPositive();
    }
}
