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

    private final ManualClock clock = new ManualClock();
    private final Output output = new Output();
    private final ReaderIdleness<String> idleness =
            new ReaderIdleness<>(
                    new BoundedLagWatermarks<>(0, false), IDLE_MILLIS, EMIT_MILLIS, clock);

    /** The reader runs: periodic emits every 200 ms. */
    private void run(long millis) {
        for (long t = 0; t < millis; t += EMIT_MILLIS) {
            clock.advance(EMIT_MILLIS);
            idleness.onPeriodicEmit(output);
        }
    }

    @Test
    void aPartitionQuietWhileItsReaderRunsGoesIdle() {
        idleness.onEvent("r", 5_000, output);
        run(IDLE_MILLIS);
        assertThat(output.idle).isZero();
        run(2 * EMIT_MILLIS);
        assertThat(output.idle).isEqualTo(1);
        run(IDLE_MILLIS);
        assertThat(output.idle).as("marked once").isEqualTo(1);
    }

    @Test
    void aReaderThatDidNotRunDoesNotFindItsPartitionsIdle() {
        idleness.onEvent("r", 5_000, output);
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
        idleness.onEvent("r", 5_000, output);
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
        idleness.onEvent("r", 9_000, output);
        int before = output.watermarks.size();
        run(EMIT_MILLIS);
        assertThat(output.watermarks).hasSizeGreaterThan(before);
        assertThat(output.watermarks.get(output.watermarks.size() - 1)).isEqualTo(8_999L);
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
