package io.citywatch.jobs.reliability;

import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.topic.CityTopics;
import io.citywatch.jobs.aggregates.Measurements;
import io.citywatch.jobs.influx.InfluxConnection;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.io.JobSinks;
import io.citywatch.jobs.testing.InfluxServer;
import io.citywatch.jobs.testing.KafkaJob;
import io.citywatch.jobs.testing.TestBroker;
import io.citywatch.jobs.testing.TestMiniCluster;
import io.citywatch.simulator.SimRecord;
import io.citywatch.simulator.Simulation;
import io.citywatch.simulator.SimulatorSettings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * InfluxDB down for 60 s and the broker restarted while the job runs: the job back-pressures (the
 * readings stop flowing while InfluxDB is away), recovers without a restart, and writes exactly the
 * points, alerts and dead letters of a run without outage.
 */
class OutageITCase {
    @RegisterExtension static final MiniClusterExtension CLUSTER = TestMiniCluster.oneTaskManager();

    static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir Path folder;

    @Test
    void influxDbOutageAndBrokerRestartLoseNothing(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        try (TestBroker broker = TestBroker.start().withCityTopics();
                InfluxServer influx = InfluxServer.start(folder.resolve("influx"))) {
            SimulatorSettings settings = new SimulatorSettings();
            List<SimRecord> records = new ArrayList<>();
            new Simulation(settings).forEachRemaining(records::add);
            long readings = broker.send(records).get(CityTopics.READINGS);
            List<io.citywatch.common.model.RiskPoint> registry = KafkaJob.registryOf(records);

            Outputs clean = run(broker, influx, registry, "clean", 0, cluster, null);

            Outputs outage =
                    run(
                            broker,
                            influx,
                            registry,
                            "outage",
                            readings / 30.0,
                            cluster,
                            job -> {
                                KafkaJob.waitFor(
                                        Duration.ofMinutes(2),
                                        "a third of the readings",
                                        () -> KafkaJob.pacedReadings() > readings / 3);
                                influx.stop();
                                long stopped = System.nanoTime();
                                broker.restart(Duration.ofSeconds(10));
                                // the sink's buffer fills, then everything upstream waits
                                long waitUntil = stopped + OUTAGE.toNanos() / 2;
                                Thread.sleep(
                                        Math.max(0, (waitUntil - System.nanoTime()) / 1_000_000));
                                long halfway = KafkaJob.pacedReadings();
                                Thread.sleep(
                                        Math.max(
                                                0,
                                                (stopped + OUTAGE.toNanos() - System.nanoTime())
                                                        / 1_000_000));
                                long atEnd = KafkaJob.pacedReadings();
                                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                                        .isFalse();
                                influx.start();
                                return atEnd - halfway;
                            });

            assertThat(outage.readDuringLastHalfOfOutage)
                    .as("readings taken in while InfluxDB was down (back-pressure)")
                    .isLessThan(readings / 20);
            assertThat(outage.restarts).as("restarts").isZero();
            assertThat(outage.points).isEqualTo(clean.points);
            assertThat(outage.points.get(Measurements.ALERT)).isGreaterThan(20L);
            assertThat(new TreeSet<>(outage.alerts)).isEqualTo(new TreeSet<>(clean.alerts));
            assertThat(new TreeSet<>(outage.deadLetters))
                    .isEqualTo(new TreeSet<>(clean.deadLetters));
            assertThat(outage.deadLetters.size()).isGreaterThanOrEqualTo(clean.deadLetters.size());
        }
    }

    interface Disturbance {
        long apply(JobClient job) throws Exception;
    }

    record Outputs(
            Map<String, Long> points,
            List<String> alerts,
            List<String> deadLetters,
            long restarts,
            long readDuringLastHalfOfOutage) {}

    private static Outputs run(
            TestBroker broker,
            InfluxServer influx,
            List<io.citywatch.common.model.RiskPoint> registry,
            String name,
            double readingsPerSecond,
            MiniCluster cluster,
            Disturbance disturbance)
            throws Exception {
        influx.execute("CREATE DATABASE " + name);
        String alerts = "alerts." + name;
        String deadletter = "deadletter." + name;
        broker.createTopics(CityTopics.ALERTS, alerts);
        broker.createTopics(CityTopics.DEADLETTER, deadletter);
        KafkaJob job =
                new KafkaJob(broker, "citywatch-" + name)
                        .set("topic.alerts", alerts)
                        .set("topic.deadletter", deadletter);
        job.registry = registry;
        job.readingsPerSecond = readingsPerSecond;
        job.extraSinks = new InfluxPoints(influx.url(), name);
        KafkaJob.resetPacedReadings();
        JobClient client = job.start("CityWatch " + name);
        JobID id = client.getJobID();
        long duringOutage = disturbance == null ? 0 : disturbance.apply(client);
        client.getJobExecutionResult().get(5, TimeUnit.MINUTES);
        Map<String, Long> points = new TreeMap<>();
        for (Map<String, Object> measurement : influx.query(name, "SHOW MEASUREMENTS")) {
            String m = (String) measurement.get("name");
            points.put(m, (long) influx.query(name, "SELECT * FROM \"" + m + "\"").size());
        }
        return new Outputs(
                points,
                broker.readValues(alerts, false),
                broker.readValues(deadletter, false),
                KafkaJob.failures(cluster, id),
                duringOutage);
    }

    /** The InfluxDB measurements into a v1 database, with a small buffer. */
    static final class InfluxPoints implements JobSinks {
        private final String url;
        private final String db;

        InfluxPoints(String url, String db) {
            this.url = url;
            this.db = db;
        }

        @Override
        public void alerts(DataStream<Alert> alerts) {}

        @Override
        public void deadLetters(DataStream<DeadLetter> deadLetters) {}

        @Override
        public boolean writesInfluxPoints() {
            return true;
        }

        @Override
        public void influxPoints(DataStream<String> points) {
            InfluxSink sink =
                    InfluxSink.builder()
                            .setConnection(
                                    InfluxConnection.v1(url, db, null, true, Duration.ofSeconds(2)))
                            .setMaxBatchSize(200)
                            .setMaxBufferedRequests(1_000)
                            .setMaxTimeInBufferMS(200)
                            .setRetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                            .build();
            points.sinkTo(sink).uid("influx.sink").name("influx: sink");
        }
    }
}
