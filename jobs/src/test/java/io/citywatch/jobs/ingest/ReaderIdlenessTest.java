package io.citywatch.jobs.ingest;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderIdlenessTest {
    private static final long IDLE_MILLIS = 1_000;
    private static final long EMIT_MILLIS = 200;

    /** Wall-clock time of the reader's backlog: records are appended at {@code appended}. */
    private long wallMillis = 1_000_000;

    private final ManualClock clock = new ManualClock();
    private final Output output = new Output();
    private final ReaderBacklog backlog = new ReaderBacklog(IDLE_MILLIS / 2, () -> wallMillis);

    /** The partition under test: its records are "appendedAt:eventTime". */
    private final ReaderIdleness<String> idleness = partitionOfTheReader();

    private ReaderIdleness<String> partitionOfTheReader() {
        return new ReaderIdleness<>(
                new BoundedLagWatermarks<>(0, false),
                IDLE_MILLIS,
                EMIT_MILLIS,
                clock,
                backlog,
                record -> Long.parseLong(record.substring(0, record.indexOf(':'))));
    }

    /** A record Kafka took just now. */
    private String fresh() {
        return wallMillis + ":0";
    }

    /** A record Kafka took a minute ago. */
    private String fromBacklog() {
        return (wallMillis - 60_000) + ":0";
    }

    /** The reader runs: periodic emits every 200 ms. */
    private void run(long millis) {
        run(millis, null);
    }

    /** The reader runs, and its other partition sends a record before every periodic emit. */
    private void run(long millis, ReaderIdleness<String> other, String record) {
        for (long t = 0; t < millis; t += EMIT_MILLIS) {
            other.onEvent(record, 0, new Output());
            clock.advance(EMIT_MILLIS);
            wallMillis += EMIT_MILLIS;
            idleness.onPeriodicEmit(output);
        }
    }

    private void run(long millis, ReaderIdleness<String> other) {
        for (long t = 0; t < millis; t += EMIT_MILLIS) {
            clock.advance(EMIT_MILLIS);
            wallMillis += EMIT_MILLIS;
            if (other != null) {
                other.onEvent(fresh(), 0, new Output());
            }
            idleness.onPeriodicEmit(output);
        }
    }

    @Test
    void aPartitionQuietWhileItsReaderRunsGoesIdle() {
        idleness.onEvent(fresh(), 5_000, output);
        run(IDLE_MILLIS);
        assertThat(output.idle).isZero();
        run(2 * EMIT_MILLIS);
        assertThat(output.idle).isEqualTo(1);
        run(IDLE_MILLIS);
        assertThat(output.idle).as("marked once").isEqualTo(1);
    }

    @Test
    void aReaderThatDidNotRunDoesNotFindItsPartitionsIdle() {
        idleness.onEvent(fresh(), 5_000, output);
        // a 30 s pause of the whole reader (GC, a starved machine), then one periodic emit
        clock.advance(30_000);
        idleness.onPeriodicEmit(output);
        assertThat(output.idle).isZero();
        assertThat(output.watermarks).isNotEmpty();
        // quiet while the reader runs: idle after the idleness of running time
        run(IDLE_MILLIS + 2 * EMIT_MILLIS);
        assertThat(output.idle).isEqualTo(1);
    }

    @Test
    void aBackPressuredOrPausedReaderIsNotIdle() {
        idleness.onEvent(fresh(), 5_000, output);
        // its input-activity clock stands still while it cannot emit
        for (int i = 0; i < 50; i++) {
            idleness.onPeriodicEmit(output);
        }
        assertThat(output.idle).isZero();
    }

    @Test
    void aRecordMakesItActiveAgain() {
        run(IDLE_MILLIS + 2 * EMIT_MILLIS);
        assertThat(output.idle).isEqualTo(1);
        idleness.onEvent(fresh(), 9_000, output);
        int before = output.watermarks.size();
        run(EMIT_MILLIS);
        assertThat(output.watermarks).hasSizeGreaterThan(before);
        assertThat(output.watermarks.get(output.watermarks.size() - 1)).isEqualTo(8_999L);
    }

    @Test
    void aQuietPartitionWaitsWhileItsReaderReadsABacklog() {
        idleness.onEvent(fromBacklog(), 5_000, output);
        ReaderIdleness<String> other = partitionOfTheReader();
        // the consumer drains the other partition's fetched backlog first: this one waits its turn
        run(5 * IDLE_MILLIS, other, fromBacklog());
        assertThat(output.idle).as("idle while the reader catches up").isZero();
        // the reader has caught up (what it reads is fresh): quiet now means quiet
        run(IDLE_MILLIS, other);
        assertThat(output.idle).isZero();
        run(2 * EMIT_MILLIS, other);
        assertThat(output.idle).isEqualTo(1);
    }

    @Test
    void aPartitionQuietForLongDuringABacklogGoesIdleAfterAll() {
        idleness.onEvent(fromBacklog(), 5_000, output);
        ReaderIdleness<String> other = partitionOfTheReader();
        run(ReaderIdleness.CATCH_UP_PATIENCE * IDLE_MILLIS, other, fromBacklog());
        assertThat(output.idle).isZero();
        run(2 * EMIT_MILLIS, other, fromBacklog());
        assertThat(output.idle).as("quiet for the catch-up patience").isEqualTo(1);
    }

    @Test
    void anIdlePartitionStaysIdleWhenItsReaderMeetsABacklog() {
        idleness.onEvent(fresh(), 5_000, output);
        run(IDLE_MILLIS + 2 * EMIT_MILLIS);
        assertThat(output.idle).isEqualTo(1);
        int watermarks = output.watermarks.size();
        run(IDLE_MILLIS, partitionOfTheReader(), fromBacklog());
        assertThat(output.watermarks)
                .as("no watermark of its old record holds the clock back")
                .hasSize(watermarks);
    }

    private static final class ManualClock implements RelativeClock {
        private long nanos;

        void advance(long millis) {
            nanos += millis * 1_000_000;
        }

        @Override
        public long relativeTimeMillis() {
            return nanos / 1_000_000;
        }

        @Override
        public long relativeTimeNanos() {
            return nanos;
        }
    }

    private static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        int idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
            idle++;
        }

        @Override
        public void markActive() {}
    }
}
