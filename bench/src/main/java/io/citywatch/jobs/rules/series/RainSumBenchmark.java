package io.citywatch.jobs.rules.series;

import io.citywatch.common.model.Evidence;
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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The trailing rain sums (1/3/6/12/24 h) over a full day of a gauge reporting every 5 minutes: the
 * work every rainfall reading does in {@code rain.sums}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RainSumBenchmark {
    DeviceEvent event;
    List<Evidence> readings;

    @Setup
    public void setUp() {
        long end = 1_784_001_600_000L;
        readings = new ArrayList<>();
        for (int i = 287; i >= 0; i--) {
            Evidence reading = new Evidence();
            reading.deviceId = "cq-yz-sl002-rain-1";
            reading.type = "rainfall";
            reading.value = (i % 7) * 0.3;
            reading.ts = end - i * 300_000L;
            readings.add(reading);
        }
        event = new DeviceEvent();
        event.deviceId = "cq-yz-sl002-rain-1";
        event.ts = end;
    }

    @Benchmark
    public RainSum sums() {
        return RainSums.sums(event, readings.get(readings.size() - 1), readings);
    }
}
