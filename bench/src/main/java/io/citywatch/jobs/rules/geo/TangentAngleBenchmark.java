package io.citywatch.jobs.rules.geo;

import io.citywatch.common.model.Evidence;

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
 * The improved tangent-angle criterion of {@code geo.displacement}: least-squares velocity of the
 * last 3 readings and its angle (in the rule's package: the functions are package-private).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TangentAngleBenchmark {
    List<Evidence> readings;

    @Setup
    public void setUp() {
        readings = new ArrayList<>();
        for (int i = 0; i < DisplacementAngles.REGRESSION_READINGS; i++) {
            Evidence reading = new Evidence();
            reading.deviceId = "cq-yz-sl002-gnss-1";
            reading.type = "displacement";
            reading.value = 12.0 + i * 0.4;
            reading.ts = 1_784_001_600_000L + i * 300_000L;
            readings.add(reading);
        }
    }

    @Benchmark
    public double velocityAndAngle() {
        double velocity = DisplacementAngles.velocityMmPerHour(readings);
        return DisplacementAngles.tangentAngle(velocity, GeoParams.STEADY_VELOCITY.defaultValue());
    }
}
