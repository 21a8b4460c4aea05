package io.citywatch.bench.jmh;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.ReadingCodec;
import io.citywatch.common.model.Reading;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/** JSON parse + validation of one reading, in both timestamp forms of docs/contract.md §1. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadingParseBenchmark {
    String isoReading =
            "{\"deviceId\":\"cq-yz-hr001-smk-23\",\"type\":\"smoke\",\"value\":0.0812,"
                    + "\"ts\":\"2026-07-14T03:00:00Z\"}";
    String epochReading =
            "{\"deviceId\":\"cq-yz-sl002-gnss-1\",\"type\":\"displacement\",\"value\":12.3456,"
                    + "\"ts\":1784001600000,\"seq\":42}";

    @Benchmark
    public Parsed<Reading> isoTimestamp() {
        return ReadingCodec.decode(isoReading);
    }

    @Benchmark
    public Parsed<Reading> epochTimestamp() {
        return ReadingCodec.decode(epochReading);
    }
}
