package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.Reading;
import io.citywatch.common.model.SensorType;
import io.citywatch.jobs.events.DeviceEvent;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The trailing rain sums (1/3/6/12/24 h) over a full day of a gauge reporting every 5 minutes: the
 * work every rainfall reading does in geo.rainfall's and flood.rainstorm's units (their window
 * keeps only the readings with rain).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RainSumBenchmark {
    DeviceEvent event;
    RainState window;

    @Setup
    public void setUp() {
        long end = 1_784_001_600_000L;
        window = new RainState();
        for (int i = 287; i >= 0; i--) {
            RainUnit.add(window, end - i * 300_000L, (i % 7) * 0.3);
        }
        event = new DeviceEvent();
        event.deviceId = "cq-yz-sl002-rain-1";
        event.ts = end;
        event.reading = new Reading(event.deviceId, SensorType.RAINFALL, 0.0, end);
    }

    @Benchmark
    public RainSum sums() {
        return RainUnit.sums(event, window);
    }
}
