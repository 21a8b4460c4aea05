package io.citywatch.bench;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.ReadingCodec;
import io.citywatch.common.model.DeviceSpec;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.ingest.BoundedLagWatermarks;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 4: the 21 rule operators alone on the job's device events (decoded and placed at their
 * risk point beforehand, in memory), against a keyed passthrough of the same events.
 */
final class RuleTax {
    static final String SOURCE_METER = "rules.source";

    /** The events of the current run; the MiniCluster shares this JVM. */
    private static volatile DeviceEvent[] events = new DeviceEvent[0];

    private RuleTax() {}

    record Result(Rate rules, Rate passthrough) {
        double ratio() {
            return rules.perSecond() / passthrough.perSecond();
        }
    }

    static Result run(BenchData data, Duration checkpointInterval) throws Exception {
        events = deviceEvents(data);
        try {
            Rate passthrough = once(data, checkpointInterval, false);
            Rate rules = once(data, checkpointInterval, true);
            return new Result(rules, passthrough);
        } finally {
            events = new DeviceEvent[0];
        }
    }

    private static Rate once(BenchData data, Duration checkpointInterval, boolean rules)
            throws Exception {
        Meter source = Meter.reset(SOURCE_METER);
        long end;
        try (BenchCluster cluster = BenchCluster.start(1, checkpointInterval, false)) {
            StreamExecutionEnvironment env = cluster.env(1);
            DataStream<DeviceEvent> stream =
                    env.fromSequence(0, events.length - 1)
                            .uid("bench.sequence")
                            .name("bench: sequence")
                            .map(new EventAt())
                            .returns(TypeInformation.of(DeviceEvent.class))
                            .uid("bench.events")
                            .name("bench: device events")
                            .assignTimestampsAndWatermarks(
                                    WatermarkStrategy.<DeviceEvent>forGenerator(
                                                    ctx ->
                                                            new BoundedLagWatermarks<>(
                                                                    30_000, false))
                                            .withTimestampAssigner(
                                                    (event, previous) -> event.eventTime()))
                            .uid("bench.watermarks")
                            .name("bench: event time");
            // both runs key the events by device once, as the registry join does in the job;
            // the rules then read that partitioning without a shuffle of their own
            DataStream<DeviceEvent> keyed =
                    stream.keyBy(event -> event.deviceId)
                            .process(new Passthrough())
                            .uid("bench.passthrough")
                            .name("bench: keyed passthrough");
            if (rules) {
                DataStream<IncidentEvent> noIncidents =
                        stream.flatMap((DeviceEvent e, Collector<IncidentEvent> out) -> {})
                                .returns(TypeInformation.of(IncidentEvent.class))
                                .uid("bench.no-incidents")
                                .name("bench: no incidents");
                RuleInputs inputs =
                        new RuleInputs(
                                keyed,
                                noIncidents,
                                new RuleSettings(
                                        data.lastTs, Locale.ENGLISH, Duration.ofMinutes(10)));
                List<DataStream<RuleMatch>> matches = new ArrayList<>();
                for (Rule rule : RuleCatalogue.all()) {
                    matches.add(rule.matches(inputs));
                }
                @SuppressWarnings("unchecked")
                DataStream<RuleMatch>[] rest =
                        matches.subList(1, matches.size()).toArray(new DataStream[0]);
                matches.get(0)
                        .union(rest)
                        .sinkTo(new MeteredDiscardingSink<>("rules.matches"))
                        .uid("bench.discard")
                        .name("discard");
            } else {
                keyed.sinkTo(new MeteredDiscardingSink<>("rules.passthrough"))
                        .uid("bench.discard")
                        .name("discard");
            }
            JobID job = cluster.submit(env, rules ? "bench: rules" : "bench: passthrough");
            cluster.await(job);
            end = System.nanoTime();
        }
        return Rate.between(source.count(), source.firstNanos(), end);
    }

    /** Registry announcements for every device, then every accepted reading, placed. */
    static DeviceEvent[] deviceEvents(BenchData data) {
        Registry registry = new Registry();
        Map<String, Site> sites = new HashMap<>();
        List<DeviceEvent> out = new ArrayList<>();
        for (RiskPoint point : data.registry) {
            registry.apply(RegistryUpdate.upsert(point));
            Site site = Site.of(point);
            sites.put(point.riskPointId, site);
            for (DeviceSpec device : point.devices) {
                DeviceEvent event = new DeviceEvent();
                event.kind = DeviceEventKind.REGISTERED;
                event.deviceId = device.deviceId;
                event.type = device.type;
                event.zone = device.zone;
                event.site = site;
                out.add(event);
            }
        }
        for (String text : data.readingValues) {
            Parsed<Reading> parsed = ReadingCodec.decode(text);
            if (!parsed.isOk()) {
                continue;
            }
            Reading reading = parsed.value();
            RiskPoint point = registry.riskPointOfDevice(reading.deviceId);
            if (point == null) {
                continue;
            }
            DeviceEvent event = new DeviceEvent();
            event.kind = DeviceEventKind.READING;
            event.deviceId = reading.deviceId;
            event.type = reading.type;
            event.reading = reading;
            event.ts = reading.ts;
            event.site = sites.get(point.riskPointId);
            event.zone = point.device(reading.deviceId).zone;
            out.add(event);
        }
        return out.toArray(new DeviceEvent[0]);
    }

    /** The i-th event of the run. */
    static final class EventAt implements MapFunction<Long, DeviceEvent> {
        private transient Meter meter;

        @Override
        public DeviceEvent map(Long index) {
            if (meter == null) {
                meter = Meter.named(SOURCE_METER);
            }
            meter.mark();
            return events[index.intValue()];
        }
    }

    static final class Passthrough extends KeyedProcessFunction<String, DeviceEvent, DeviceEvent> {
        @Override
        public void processElement(DeviceEvent event, Context ctx, Collector<DeviceEvent> out) {
            out.collect(event);
        }
    }
}
