package io.citywatch.jobs.rules.geo;

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
    long[] ts;
    double[] values;

    @Setup
    public void setUp() {
        ts = new long[DisplacementUnit.REGRESSION_READINGS];
        values = new double[DisplacementUnit.REGRESSION_READINGS];
        for (int i = 0; i < ts.length; i++) {
            values[i] = 12.0 + i * 0.4;
            ts[i] = 1_784_001_600_000L + i * 300_000L;
        }
    }

    @Benchmark
    public double velocityAndAngle() {
        double velocity = DisplacementUnit.velocityMmPerHour(ts, values);
        return DisplacementUnit.tangentAngle(velocity, GeoParams.STEADY_VELOCITY.defaultValue());
    }
}
