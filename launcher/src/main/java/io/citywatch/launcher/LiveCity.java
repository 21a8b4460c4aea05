package io.citywatch.launcher;

import io.citywatch.jobs.cli.RunCommand;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.kafka.EmbeddedKafka;
import io.citywatch.simulator.TopicSetup;

import org.apache.flink.core.execution.JobClient;

import org.apache.kafka.clients.CommonClientConfigs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An in-process Kafka broker with the topics of docs/contract.md §2-3 and the job running against
 * it on a local MiniCluster: what the demo and the Kafka ITCases start, and stop again on {@link
 * #close()}.
 */
public final class LiveCity implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final JobClient job;

    private LiveCity(EmbeddedKafka kafka, JobClient job) {
        this.kafka = kafka;
        this.job = job;
    }

    /**
     * Starts the broker, creates the topics in their production layout (readings on 12 partitions,
     * …) and submits the job with the {@code run} settings {@code overrides}.
     */
    public static LiveCity start(Map<String, String> overrides) throws Exception {
        return start(overrides, List.of());
    }

    /**
     * As {@link #start(Map)}, with an initial registry file for the job, as an operator starts it
     * with {@code registry=FILE}.
     */
    public static LiveCity start(Map<String, String> overrides, List<String> registry)
            throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        Path registryFile = null;
        try {
            if (!registry.isEmpty()) {
                registryFile = Files.createTempFile("citywatch-registry", ".jsonl");
                registryFile.toFile().deleteOnExit();
                Files.write(registryFile, registry, StandardCharsets.UTF_8);
            }
            TopicSetup.ensure(client(kafka.bootstrapServers()), Integer.MAX_VALUE, (short) 1);
            Map<String, String> config = new HashMap<>();
            config.put(CityWatchOptions.BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
            if (registryFile != null) {
                config.put(CityWatchOptions.REGISTRY_FILE.key(), registryFile.toString());
            }
            config.putAll(overrides);
            RunCommand.Prepared prepared = RunCommand.prepare(config, null);
            JobClient job = prepared.env.executeAsync("CityWatch");
            return new LiveCity(kafka, job);
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
    }

    /**
     * The event-time options of a city sent {@code speed} times faster than the wall clock, whose
     * partitions go idle after {@code idleness} of wall clock. The defaults are written for a city
     * in real time and shrink to fractions of a second here:
     *
     * <ul>
     *   <li>{@code max-out-of-orderness}: 30 s of city is 0.1 s of wall clock at 300x, less than
     *       readings and incidents may take apart on their ways through a busy machine; incident
     *       rules run on the readings' clock, so an incident that far behind them is late. Two
     *       seconds of wall clock, at least the default, at most 5 min of city time, so that the
     *       simulator's 7-minute late records stay late.
     *   <li>{@code max-watermark-drift}: a partition of the sparse incidents topic that reads a
     *       report is paused while another partition of that topic is quiet but not yet idle; the
     *       60 s default is 0.2 s of wall clock, {@code idleness} is seconds, and the paused
     *       acknowledgement would come minutes of city time late. Twice {@code idleness} of city.
     * </ul>
     */
    public static Map<String, String> eventTimeOptions(double speed, Duration idleness) {
        long twoSeconds = (long) (speed * 2_000);
        Duration outOfOrderness =
                Duration.ofMillis(Math.max(30_000, Math.min(twoSeconds, 300_000)));
        Duration drift =
                Duration.ofMillis(Math.max(60_000, (long) (2 * speed * idleness.toMillis())));
        return Map.of(
                CityWatchOptions.IDLENESS.key(), idleness.toMillis() + "ms",
                CityWatchOptions.MAX_OUT_OF_ORDERNESS.key(), outOfOrderness.toMillis() + "ms",
                CityWatchOptions.MAX_WATERMARK_DRIFT.key(), drift.toMillis() + "ms");
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Client properties that reach the broker. */
    public Properties client() {
        return client(kafka.bootstrapServers());
    }

    public JobClient job() {
        return job;
    }

    private static Properties client(String bootstrapServers) {
        Properties client = new Properties();
        client.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return client;
    }

    /** Cancels the job and stops the broker; the job first, so that it does not retry. */
    @Override
    public void close() throws Exception {
        try {
            job.cancel().get(30, TimeUnit.SECONDS);
            // wait until the job has let go of its Kafka clients before the broker goes
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!job.getJobStatus().get().isGloballyTerminalState()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (Exception e) {
            // already finished or failed: nothing left to stop
        } finally {
            kafka.close();
        }
    }
}
