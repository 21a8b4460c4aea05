package io.citywatch.bench;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.jobs.influx.InfluxConnection;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.io.JobSinks;
import io.citywatch.jobs.io.KafkaTopics;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.time.Duration;

/**
 * Production sinks: alerts and dead letters to Kafka as {@code run} writes them, and the InfluxDB
 * measurements to a real influxd through the job's own sink (or nowhere when influxd is missing).
 */
public final class BenchSinks implements JobSinks {
    private final KafkaTopics kafka;
    private final String influxUrl;

    public BenchSinks(KafkaTopics kafka, String influxUrl) {
        this.kafka = kafka;
        this.influxUrl = influxUrl;
    }

    @Override
    public void alerts(DataStream<Alert> alerts) {
        kafka.alerts(alerts);
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> deadLetters) {
        kafka.deadLetters(deadLetters);
    }

    @Override
    public boolean writesInfluxPoints() {
        return true;
    }

    @Override
    public void influxPoints(DataStream<String> points) {
        if (influxUrl == null) {
            points.sinkTo(new DiscardingSink<>()).uid("influx.sink").name("influx: discarded");
            return;
        }
        points.sinkTo(influxSink(influxUrl, "citywatch")).uid("influx.sink").name("influx: sink");
    }

    /** The job's sink with its defaults, to database {@code db} of a 1.x server. */
    static InfluxSink influxSink(String url, String db) {
        return InfluxSink.builder()
                .setConnection(InfluxConnection.v1(url, db, null, true, Duration.ofSeconds(30)))
                .build();
    }
}
