package io.citywatch.jobs.influx;

import io.citywatch.jobs.testing.InfluxServer;

import com.influxdb.exceptions.InfluxException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The v1 write path against a real influxd 1.x: what its answers are and how they are sorted. */
class InfluxWritesITCase {
    @TempDir static Path folder;
    static InfluxServer influx;

    @BeforeAll
    static void start() throws Exception {
        influx = InfluxServer.start(folder);
        influx.execute("CREATE DATABASE writes");
    }

    @AfterAll
    static void stop() throws Exception {
        influx.close();
    }

    private static InfluxWrites writes(String db) {
        return InfluxConnection.v1(influx.url(), db, null, true, Duration.ofSeconds(5))
                .open(Map.of());
    }

    @Test
    void writesGzippedLinesWithMillisecondTimes() throws Exception {
        try (InfluxWrites writes = writes("writes")) {
            writes.write(List.of("m1,t=a v=1 1784000000000", "m1,t=b v=2.5 1784000000001"));
        }
        assertThat(influx.query("writes", "SELECT * FROM m1"))
                .containsExactly(
                        Map.of("time", 1784000000000L, "t", "a", "v", 1L),
                        Map.of("time", 1784000000001L, "t", "b", "v", 2.5));
    }

    @Test
    void aMalformedLineIsNamedAndTheRestOfItsBatchStored() throws Exception {
        List<String> batch =
                List.of("m2 v=1 1784000000000", "m2 v= 1784000000001", "m2 v=3 1784000000002");
        InfluxException e;
        try (InfluxWrites writes = writes("writes")) {
            e = catchThrowableOfType(InfluxException.class, () -> writes.write(batch));
        }
        WriteFailures.Decision decision = WriteFailures.classify(e, batch);
        assertThat(decision.action()).isEqualTo(WriteFailures.Action.REJECT_LINES);
        assertThat(decision.rejected()).containsExactly(1);
        assertThat(influx.query("writes", "SELECT v FROM m2")).hasSize(2);
    }

    @Test
    void aFieldTypeConflictIsFoundBySplitting() throws Exception {
        List<String> batch = List.of("m3 v=1i 1784000000000", "m3 v=1.5 1784000000001");
        InfluxException e;
        try (InfluxWrites writes = writes("writes")) {
            e = catchThrowableOfType(InfluxException.class, () -> writes.write(batch));
        }
        assertThat(WriteFailures.classify(e, batch).action()).isEqualTo(WriteFailures.Action.SPLIT);
    }

    @Test
    void anUnknownDatabaseFailsTheJobWithAHint() {
        List<String> batch = List.of("m v=1 1784000000000");
        InfluxException e;
        try (InfluxWrites writes = writes("nosuchdb")) {
            e = catchThrowableOfType(InfluxException.class, () -> writes.write(batch));
        }
        WriteFailures.Decision decision = WriteFailures.classify(e, batch);
        assertThat(decision.action()).isEqualTo(WriteFailures.Action.FAIL);
        assertThat(
                        WriteFailures.fatalMessage(
                                e.status(),
                                decision.serverMessage(),
                                InfluxConnection.v1(
                                        influx.url(), "nosuchdb", null, true, Duration.ZERO)))
                .contains("HTTP 404")
                .contains("database not found")
                .contains("CREATE DATABASE nosuchdb");
    }

    @Test
    void noServerIsARetry() {
        List<String> batch = List.of("m v=1 1784000000000");
        InfluxException e;
        try (InfluxWrites writes =
                InfluxConnection.v1(
                                "http://127.0.0.1:1", "writes", null, true, Duration.ofSeconds(2))
                        .open(Map.of())) {
            e = catchThrowableOfType(InfluxException.class, () -> writes.write(batch));
        }
        assertThat(e.status()).isZero();
        assertThat(WriteFailures.classify(e, batch).action()).isEqualTo(WriteFailures.Action.RETRY);
    }
}
