package io.citywatch.bench;

import io.citywatch.common.model.Reading;
import io.citywatch.jobs.CityWatchJob;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.ingest.DecodeFunction;
import io.citywatch.jobs.ingest.SourceWatermarks;
import io.citywatch.jobs.io.RawRecord;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * Figure 2: Flink's KafkaSource, the job's decode-and-validate operator and a sink that discards,
 * parallelism 1, checkpoints on: what the framework costs before any rule runs.
 */
final class FrameworkTax {
    static final String SINK_METER = "framework.sink";

    private FrameworkTax() {}

    static Rate run(
            String bootstrapServers,
            BenchKafka.Topics topics,
            long expected,
            Duration checkpointInterval)
            throws Exception {
        Meter.reset(BenchSources.READINGS_METER);
        Meter sink = Meter.reset(SINK_METER);
        try (BenchCluster cluster = BenchCluster.start(1, checkpointInterval, false)) {
            StreamExecutionEnvironment env = cluster.env(1);
            BenchSources sources =
                    new BenchSources(bootstrapServers, topics, "bench-framework", true);
            // as the job reads them: event time per partition in the source, then decoded (a
            // bounded run, so without alignment, as the job runs one)
            JobSettings defaults = JobSettings.defaults();
            sources.readings(
                            env,
                            SourceWatermarks.of(
                                    "readings",
                                    CityWatchJob.READINGS,
                                    new SourceWatermarks.Settings(
                                            defaults.maxOutOfOrderness,
                                            defaults.idleness,
                                            null,
                                            false,
                                            env.getConfig().getAutoWatermarkInterval())))
                    .process(
                            new DecodeFunction<Reading, DeviceEvent>(
                                    topics.readings,
                                    CityWatchJob.READINGS,
                                    FrameworkTax::event,
                                    defaults.maxOutOfOrderness.toMillis()))
                    .returns(TypeInformation.of(DeviceEvent.class))
                    .uid("readings.decode")
                    .name("readings: decode")
                    .sinkTo(new MeteredDiscardingSink<>(SINK_METER))
                    .uid("bench.discard")
                    .name("discard");
            JobID job = cluster.submit(env, "bench: framework tax");
            cluster.await(job);
        }
        Meter source = Meter.named(BenchSources.READINGS_METER);
        if (source.count() != expected) {
            throw new IllegalStateException(
                    "framework tax read " + source.count() + " of " + expected + " records");
        }
        // accepted readings reach the sink; rejected ones leave as dead letters
        return Rate.between(source.count(), source.firstNanos(), sink.lastNanos());
    }

    /** As the job wraps a reading (CityWatchJob.readingEvent). */
    static DeviceEvent event(Reading reading, RawRecord raw) {
        DeviceEvent event = new DeviceEvent();
        event.kind = DeviceEventKind.READING;
        event.deviceId = reading.deviceId;
        event.type = reading.type;
        event.reading = reading;
        event.ts = reading.ts;
        event.raw = raw.text;
        event.position = raw.position;
        return event;
    }
}
