package io.citywatch.bench;

import io.citywatch.influxd.LocalInfluxd;
import io.citywatch.jobs.influx.InfluxConnection;
import io.citywatch.jobs.influx.InfluxSinkOptions;
import io.citywatch.jobs.influx.InfluxWrites;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import com.influxdb.client.domain.WritePrecision;
import com.influxdb.client.write.Point;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Figure 7: the job's InfluxDB sink (AsyncSink, batches of {@link InfluxSinkOptions#BATCH_SIZE},
 * gzip) against a plain loop over the same batches through the same influxdb-client-java HTTP
 * stack, to the same influxd.
 */
final class SinkThroughput {
    static final String SOURCE_METER = "sink.source";

    private static volatile String[] points = new String[0];

    private SinkThroughput() {}

    record Result(Rate sink, Rate client) {
        double ratio() {
            return sink.perSecond() / client.perSecond();
        }
    }

    static Result run(LocalInfluxd influxd, int count) throws Exception {
        points = points(count);
        try {
            influxd.execute("CREATE DATABASE bench_client");
            influxd.execute("CREATE DATABASE bench_sink");
            Rate client = client(influxd.url(), "bench_client");
            Rate sink = sink(influxd.url(), "bench_sink");
            return new Result(sink, client);
        } finally {
            points = new String[0];
        }
    }

    private static Rate client(String url, String db) {
        int batch = InfluxSinkOptions.BATCH_SIZE.defaultValue();
        long start = System.nanoTime();
        try (InfluxWrites writes =
                InfluxConnection.v1(url, db, null, true, Duration.ofSeconds(30)).open()) {
            for (int from = 0; from < points.length; from += batch) {
                List<String> lines =
                        Arrays.asList(points).subList(from, Math.min(points.length, from + batch));
                writes.write(lines);
            }
        }
        return Rate.between(points.length, start, System.nanoTime());
    }

    private static Rate sink(String url, String db) throws Exception {
        Meter source = Meter.reset(SOURCE_METER);
        long end;
        try (BenchCluster cluster = BenchCluster.start(1, Duration.ofSeconds(5), false)) {
            StreamExecutionEnvironment env = cluster.env(1);
            env.fromSequence(0, points.length - 1)
                    .uid("bench.sequence")
                    .name("bench: sequence")
                    .map(new PointAt())
                    .returns(Types.STRING)
                    .uid("bench.points")
                    .name("bench: points")
                    .sinkTo(BenchSinks.influxSink(url, db))
                    .uid("influx.sink")
                    .name("influx: sink");
            JobID job = cluster.submit(env, "bench: influx sink");
            cluster.await(job);
            end = System.nanoTime();
        }
        return Rate.between(source.count(), source.firstNanos(), end);
    }

    /** risk_point_1m rows as the aggregates write them: one per risk point and minute. */
    static String[] points(int count) {
        String[] lines = new String[count];
        long start = 1_784_000_000_000L;
        for (int i = 0; i < count; i++) {
            int riskPoint = i % 2_000;
            lines[i] =
                    Point.measurement("risk_point_1m")
                            .addTag("riskPoint", "rp-b-" + riskPoint)
                            .addTag("kind", "high_rise")
                            .addTag("district", "District " + riskPoint % 9)
                            .addField("level", 0L)
                            .addField("openAlerts", 0L)
                            .addField("devicesOnline", 8L)
                            .addField("devicesTotal", 8L)
                            .addField("smoke_min", 0.08)
                            .addField("smoke_max", 0.12)
                            .addField("smoke_mean", 0.1)
                            .addField("smoke_last", 0.11)
                            .addField("smoke_count", 2L)
                            .time(start + (i / 2_000) * 60_000L, WritePrecision.MS)
                            .toLineProtocol();
        }
        return lines;
    }

    static final class PointAt implements MapFunction<Long, String> {
        private transient Meter meter;

        @Override
        public String map(Long index) {
            if (meter == null) {
                meter = Meter.named(SOURCE_METER);
            }
            meter.mark();
            return points[index.intValue()];
        }
    }
}
