package io.citywatch.jobs.influx;

import io.citywatch.jobs.testing.InfluxServer;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stops influxd for 20 s while a job writes through the sink with checkpoints, a small buffer (so
 * the outage back-pressures the source) and restarts it: every point arrives.
 */
class InfluxOutageITCase {
    static final int POINTS = 8_000;
    static final long BASE_TS = 1_784_000_000_000L;

    @TempDir Path folder;

    @Test
    void losesNoPointWhileInfluxDbIsDown() throws Exception {
        try (InfluxServer influx = InfluxServer.start(folder.resolve("influx"))) {
            influx.execute("CREATE DATABASE outage");

            Configuration config = new Configuration();
            config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
            config.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(config);
            env.setParallelism(1);
            env.enableCheckpointing(1_000);

            InfluxSink sink =
                    InfluxSink.builder()
                            .setConnection(
                                    InfluxConnection.v1(
                                            influx.url(),
                                            "outage",
                                            null,
                                            true,
                                            Duration.ofSeconds(2)))
                            .setMaxBatchSize(100)
                            .setMaxBufferedRequests(500)
                            .setMaxTimeInBufferMS(200)
                            .setRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                            .build();
            env.fromSource(
                            new DataGeneratorSource<>(
                                    i -> "outage,subtask=0 seq=" + i + "i " + (BASE_TS + i),
                                    POINTS,
                                    RateLimiterStrategy.perSecond(250),
                                    Types.STRING),
                            WatermarkStrategy.noWatermarks(),
                            "points")
                    .uid("points")
                    .sinkTo(sink)
                    .uid("influx.sink")
                    .name("influx: sink");
            JobClient job = env.executeAsync("outage");

            waitForPoints(influx, 500);
            influx.stop();
            long stoppedAt = System.nanoTime();
            Thread.sleep(20_000);
            influx.start();
            long downMillis = (System.nanoTime() - stoppedAt) / 1_000_000;

            job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

            List<Map<String, Object>> rows =
                    influx.query("outage", "SELECT count(seq) FROM outage");
            assertThat(downMillis).isGreaterThanOrEqualTo(20_000);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("count")).isEqualTo((long) POINTS);
            List<Map<String, Object>> range =
                    influx.query("outage", "SELECT min(seq), max(seq) FROM outage");
            assertThat(range.get(0)).containsEntry("min", 0L).containsEntry("max", POINTS - 1L);
        }
    }

    private static void waitForPoints(InfluxServer influx, long points) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> rows =
                    influx.query("outage", "SELECT count(seq) FROM outage");
            if (!rows.isEmpty() && ((Number) rows.get(0).get("count")).longValue() >= points) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the job did not start writing within 60 s");
    }
}
