package io.citywatch.jobs.aggregates;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.AlertStatus;
import io.citywatch.common.model.RiskPointKind;
import io.citywatch.common.model.Scenario;

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

/** Line protocol of one {@code alert} point and one {@code pipeline_1m} point. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LineProtocolBenchmark {
    Alert alert;

    @Setup
    public void setUp() {
        alert = new Alert();
        alert.alertId = "7f3c2a9d0b1e4f56";
        alert.version = 1;
        alert.ruleId = "fire.confirmed";
        alert.scenario = Scenario.fire;
        alert.level = AlertLevel.red;
        alert.status = AlertStatus.open;
        alert.riskPointId = "rp-yz-b001";
        alert.kind = RiskPointKind.high_rise;
        alert.district = "Yuzhong";
        alert.lat = 29.5576;
        alert.lon = 106.5772;
        alert.changeTs = 1_784_001_640_000L;
        alert.message = "Fire confirmed by 2 detectors on F23 of Jiefangbei Tower A";
    }

    @Benchmark
    public String alertPoint() {
        return Measurements.alert(alert);
    }

    @Benchmark
    public String pipelinePoint() {
        return Measurements.pipeline1m(1_784_001_600_000L, "readings", 5_400, 3, 1);
    }
}
