package io.citywatch.jobs;

import io.citywatch.common.codec.AlertActionCodec;
import io.citywatch.common.codec.IncidentCodec;
import io.citywatch.common.codec.ReadingCodec;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.AlertAction;
import io.citywatch.common.model.AlertReview;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.model.Incident;
import io.citywatch.common.model.Reading;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.jobs.aggregates.AggregateSettings;
import io.citywatch.jobs.aggregates.EndOfInputWatermark;
import io.citywatch.jobs.aggregates.InfluxPoints;
import io.citywatch.jobs.aggregates.PipelineEvent;
import io.citywatch.jobs.alerts.ActionEvent;
import io.citywatch.jobs.alerts.AlertLifecycle;
import io.citywatch.jobs.cap.CapFeed;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.DeviceEventKind;
import io.citywatch.jobs.events.IncidentEvent;
import io.citywatch.jobs.events.Traced;
import io.citywatch.jobs.ingest.DecodeFunction;
import io.citywatch.jobs.ingest.DeviceEnrichment;
import io.citywatch.jobs.ingest.IncidentEnrichment;
import io.citywatch.jobs.ingest.InputFormat;
import io.citywatch.jobs.ingest.LateFilter;
import io.citywatch.jobs.ingest.Outputs;
import io.citywatch.jobs.ingest.RegistryAtStart;
import io.citywatch.jobs.ingest.RegistryJoin;
import io.citywatch.jobs.ingest.SourceWatermarks;
import io.citywatch.jobs.io.JobSinks;
import io.citywatch.jobs.io.JobSources;
import io.citywatch.jobs.io.RawRecord;
import io.citywatch.jobs.io.RegistryRecords;
import io.citywatch.jobs.rules.AlertEpisodes;
import io.citywatch.jobs.rules.Pending;
import io.citywatch.jobs.rules.PendingTimeout;
import io.citywatch.jobs.rules.Rule;
import io.citywatch.jobs.rules.RuleCatalogue;
import io.citywatch.jobs.rules.RuleInputs;
import io.citywatch.jobs.rules.RuleMatch;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CityWatch topology: decode and validate, place in the registry, event time, rules, alert
 * episodes, the alert lifecycle with operator actions. Sources and sinks come in through the
 * constructor, so production, replay and tests run the same topology.
 */
public class CityWatchJob {
    private final JobSettings settings;
    private final List<RiskPoint> initialRegistry;
    private final JobSources sources;
    private final JobSinks sinks;
    private final List<Rule> rules;

    public CityWatchJob(
            JobSettings settings,
            List<RiskPoint> initialRegistry,
            JobSources sources,
            JobSinks sinks) {
        this(settings, initialRegistry, sources, sinks, RuleCatalogue.all());
    }

    public CityWatchJob(
            JobSettings settings,
            List<RiskPoint> initialRegistry,
            JobSources sources,
            JobSinks sinks,
            List<Rule> rules) {
        this.settings = settings;
        this.initialRegistry = initialRegistry;
        this.sources = sources;
        this.sinks = sinks;
        this.rules = rules;
    }

    public JobExecutionResult execute(StreamExecutionEnvironment env) throws Exception {
        build(env);
        return env.execute(settings.replay ? "CityWatch replay" : "CityWatch");
    }

    /**
     * How long a network buffer may wait to fill before it is sent. Flink's 100 ms default is paid
     * at every shuffle an alert passes (device, rule key, episode, alertId); at moderate load the
     * buffers do not fill, so it dominated event-to-alert latency (docs/BENCHMARKS.md).
     */
    public static final long BUFFER_TIMEOUT_MILLIS = 5;

    /** How each input topic is read: codec and event time. */
    public static final InputFormat<Reading> READINGS =
            InputFormat.timed(ReadingCodec::decode, r -> r.ts);

    public static final InputFormat<Incident> INCIDENTS =
            InputFormat.timed(IncidentCodec::decode, incident -> incident.ts);

    public static final InputFormat<AlertAction> ACTIONS =
            InputFormat.timed(AlertActionCodec::decode, action -> action.ts);

    public static final InputFormat<RegistryUpdate> REGISTRY =
            InputFormat.untimed(RegistryRecords::decode);

    /** Adds the whole topology to {@code env}. */
    public void build(StreamExecutionEnvironment env) {
        configure(env);
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        RegistryAtStart registryAtStart =
                RegistryAtStart.of(initialRegistry, sources.registryBacklog());

        SingleOutputStreamOperator<RegistryUpdate> registryUpdates =
                decode(
                        sources.registry(env),
                        "registry",
                        new DecodeFunction<>(
                                sources.registryTopic(),
                                REGISTRY,
                                CityWatchJob::registryUpdate,
                                lagMillis()),
                        TypeInformation.of(RegistryUpdate.class),
                        deadLetters);
        DataStream<RegistryUpdate> registry = registryUpdates.broadcast();

        TypeInformation<DeviceEvent> deviceEventType = TypeInformation.of(DeviceEvent.class);
        DataStream<DeviceEvent> deviceEvents =
                onTime(
                        placed(
                                decode(
                                                sources.readings(
                                                        env, eventTime(env, "readings", READINGS)),
                                                "readings",
                                                new DecodeFunction<>(
                                                        sources.readingsTopic(),
                                                        READINGS,
                                                        CityWatchJob::readingEvent,
                                                        lagMillis()),
                                                deviceEventType,
                                                deadLetters)
                                        .keyBy(event -> event.deviceId),
                                registry,
                                new DeviceEnrichment(
                                        sources.readingsTopic(), registryAtStart, holdMillis()),
                                "readings",
                                deviceEventType,
                                deadLetters),
                        "readings",
                        sources.readingsTopic(),
                        deviceEventType,
                        deadLetters);

        TypeInformation<IncidentEvent> incidentType = TypeInformation.of(IncidentEvent.class);
        DataStream<IncidentEvent> incidents =
                placed(
                        decode(
                                        sources.incidents(
                                                env, eventTime(env, "incidents", INCIDENTS)),
                                        "incidents",
                                        new DecodeFunction<>(
                                                sources.incidentsTopic(),
                                                INCIDENTS,
                                                CityWatchJob::incidentEvent,
                                                lagMillis()),
                                        incidentType,
                                        deadLetters)
                                .keyBy(event -> event.incident.incidentId),
                        registry,
                        new IncidentEnrichment(
                                sources.incidentsTopic(),
                                registryAtStart,
                                holdMillis(),
                                settings.incidentMatchRadiusMeters),
                        "incidents",
                        incidentType,
                        deadLetters);

        DataStream<ActionEvent> actions =
                onTime(
                        decode(
                                sources.actions(env, eventTime(env, "actions", ACTIONS)),
                                "actions",
                                new DecodeFunction<>(
                                        sources.actionsTopic(),
                                        ACTIONS,
                                        CityWatchJob::actionEvent,
                                        lagMillis()),
                                TypeInformation.of(ActionEvent.class),
                                deadLetters),
                        "actions",
                        sources.actionsTopic(),
                        TypeInformation.of(ActionEvent.class),
                        deadLetters);

        RuleInputs inputs =
                new RuleInputs(
                        deviceEvents,
                        onTime(
                                withReadingsClock(incidents, deviceEvents),
                                "incidents",
                                sources.incidentsTopic(),
                                incidentType,
                                deadLetters),
                        settings.ruleSettings());
        inputs.hostUnitsOf(rules);
        List<DataStream<RuleMatch>> matches = new ArrayList<>();
        for (Rule rule : rules) {
            matches.add(rule.matches(inputs));
        }
        SingleOutputStreamOperator<Alert> episodes =
                unionAll(matches)
                        .keyBy(RuleMatch::episodeKey)
                        .process(new AlertEpisodes(settings.ruleSettings(), inEventTimeOrder()))
                        .uid("alerts.episodes")
                        .name("alerts: episodes");
        SingleOutputStreamOperator<Alert> alerts =
                episodes.keyBy(alert -> alert.alertId)
                        .connect(actions.keyBy(action -> action.action.alertId))
                        .process(
                                new AlertLifecycle(
                                        settings.ruleSettings(),
                                        sources.actionsTopic(),
                                        inEventTimeOrder()))
                        .uid("alerts.lifecycle")
                        .name("alerts: lifecycle");
        // the lifecycle's clock follows the rules', which a replay holds at its clock stop: let
        // the pipeline counts that read these dead letters close their last minute at the end
        deadLetters.add(
                alerts.getSideOutput(Outputs.DEAD_LETTERS)
                        .transform(
                                "alerts: rejected actions",
                                TypeInformation.of(DeadLetter.class),
                                new EndOfInputWatermark<>())
                        .uid("alerts.lifecycle.deadletters"));

        List<DataStream<PendingTimeout>> pending = new ArrayList<>(inputs.pendingTimeouts());
        pending.add(episodes.getSideOutput(Pending.TAG));
        pending.add(alerts.getSideOutput(Pending.TAG));

        DataStream<DeadLetter> allDeadLetters = unionAll(deadLetters);
        DataStream<AlertReview> reviews = alerts.getSideOutput(AlertLifecycle.REVIEWS);
        sinks.alerts(alerts);
        if (sinks.writesCap() && settings.cap.enabled()) {
            sinks.cap(CapFeed.of(alerts, settings.cap));
        }
        sinks.reviews(reviews);
        sinks.deadLetters(allDeadLetters);
        sinks.pendingTimeouts(unionAll(pending));
        if (sinks.writesInfluxPoints()) {
            sinks.influxPoints(
                    InfluxPoints.build(
                            new InfluxPoints.Inputs(
                                    deviceEvents,
                                    alerts,
                                    reviews,
                                    pipelineEvents(
                                            deviceEvents,
                                            inputs.incidents(),
                                            registryUpdates,
                                            actions,
                                            allDeadLetters)),
                            aggregateSettings()));
        }
    }

    /**
     * Execution settings the topology is written for. Object reuse: operators chained to one
     * another pass records without a deep copy (the copies of DeviceEvent with its Site were the
     * largest cost in the profile, docs/BENCHMARKS.md). That is safe because no function here
     * changes a record it has emitted, keeps an input it did not build in a field, or changes its
     * input after emitting it; records crossing a shuffle are fresh objects anyway. The one kept
     * input is a risk point's {@code Site} (the device rule host keeps one per risk point): the
     * registry join builds each once, shares it among its events and nothing changes it after.
     */
    public static void configure(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse();
        env.setBufferTimeout(BUFFER_TIMEOUT_MILLIS);
    }

    /** Reasons of records the decoders could not read: their dead letters carry ingest time. */
    private static final Set<RejectReason> DECODE_REJECTS =
            EnumSet.of(
                    RejectReason.invalid_json,
                    RejectReason.missing_field,
                    RejectReason.bad_value,
                    RejectReason.unknown_type,
                    RejectReason.unit_mismatch,
                    RejectReason.too_large);

    /** Every input record once, as pipeline_1m counts it: accepted, rejected or late. */
    private DataStream<PipelineEvent> pipelineEvents(
            DataStream<DeviceEvent> deviceEvents,
            DataStream<IncidentEvent> incidents,
            DataStream<RegistryUpdate> registryUpdates,
            DataStream<ActionEvent> actions,
            DataStream<DeadLetter> deadLetters) {
        Map<String, String> streamOfTopic =
                Map.of(
                        sources.readingsTopic(), "readings",
                        sources.incidentsTopic(), "incidents",
                        sources.registryTopic(), "registry",
                        sources.actionsTopic(), "actions");
        TypeInformation<PipelineEvent> type = TypeInformation.of(PipelineEvent.class);
        return deviceEvents
                .filter(DeviceEvent::isReading)
                .uid("influx.pipeline.readings-filter")
                .name("pipeline: accepted readings")
                .map(event -> PipelineEvent.of("readings", PipelineEvent.ACCEPTED, event.ts))
                .returns(type)
                .uid("influx.pipeline.readings")
                .name("pipeline: readings")
                .union(
                        incidents
                                .map(
                                        event ->
                                                PipelineEvent.of(
                                                        "incidents",
                                                        PipelineEvent.ACCEPTED,
                                                        event.ts))
                                .returns(type)
                                .uid("influx.pipeline.incidents")
                                .name("pipeline: incidents"),
                        registryUpdates
                                .map(
                                        update ->
                                                PipelineEvent.of(
                                                        "registry", PipelineEvent.ACCEPTED, null))
                                .returns(type)
                                .uid("influx.pipeline.registry")
                                .name("pipeline: registry"),
                        actions.map(
                                        action ->
                                                PipelineEvent.of(
                                                        "actions",
                                                        PipelineEvent.ACCEPTED,
                                                        action.ts))
                                .returns(type)
                                .uid("influx.pipeline.actions")
                                .name("pipeline: actions"),
                        deadLetters
                                .map(
                                        letter ->
                                                PipelineEvent.of(
                                                        streamOfTopic.getOrDefault(
                                                                letter.source, letter.source),
                                                        letter.reason == RejectReason.late
                                                                ? PipelineEvent.LATE
                                                                : PipelineEvent.REJECTED,
                                                        DECODE_REJECTS.contains(letter.reason)
                                                                ? null // its ts is ingest time
                                                                : letter.ts))
                                .returns(type)
                                .uid("influx.pipeline.deadletters")
                                .name("pipeline: dead letters"));
    }

    private AggregateSettings aggregateSettings() {
        AggregateSettings aggregates = new AggregateSettings();
        aggregates.allowedLatenessMillis = settings.allowedLateness.toMillis();
        aggregates.deviceAggregates = settings.deviceAggregates;
        aggregates.replay = settings.replay;
        aggregates.maxOutOfOrdernessMillis = settings.maxOutOfOrderness.toMillis();
        aggregates.idleness = settings.idleness;
        aggregates.replayStartTs = settings.firstEventTs;
        return aggregates;
    }

    private <T> SingleOutputStreamOperator<T> decode(
            DataStream<RawRecord> raw,
            String stream,
            DecodeFunction<?, T> decoder,
            TypeInformation<T> type,
            List<DataStream<DeadLetter>> deadLetters) {
        SingleOutputStreamOperator<T> decoded =
                raw.process(decoder)
                        .returns(type)
                        .uid(stream + ".decode")
                        .name(stream + ": decode");
        deadLetters.add(decoded.getSideOutput(Outputs.DEAD_LETTERS));
        return decoded;
    }

    /** Places records at their risk point: joined with the registry, keyed as they come. */
    private <T extends Traced> SingleOutputStreamOperator<T> placed(
            KeyedStream<T, String> records,
            DataStream<RegistryUpdate> registry,
            RegistryJoin<T, T> join,
            String stream,
            TypeInformation<T> type,
            List<DataStream<DeadLetter>> deadLetters) {
        SingleOutputStreamOperator<T> placed =
                records.connect(registry)
                        .transform(stream + ": place at risk point", type, join)
                        .uid(stream + ".registry");
        deadLetters.add(placed.getSideOutput(Outputs.DEAD_LETTERS));
        return placed;
    }

    /**
     * Records behind the watermark out, as the rules see it. The decoders already sent every record
     * behind its own partition's watermark to the dead letters; what can still be behind here is a
     * record of a partition that was idle while the others moved on.
     */
    private <T extends Traced> DataStream<T> onTime(
            DataStream<T> records,
            String stream,
            String topic,
            TypeInformation<T> type,
            List<DataStream<DeadLetter>> deadLetters) {
        SingleOutputStreamOperator<T> onTime =
                records.process(new LateFilter<T>(topic))
                        .returns(type)
                        .uid(stream + ".late")
                        .name(stream + ": late records out");
        deadLetters.add(onTime.getSideOutput(Outputs.DEAD_LETTERS));
        return onTime;
    }

    /** Event time per partition in the sources: see {@link SourceWatermarks}. */
    private <T> WatermarkStrategy<RawRecord> eventTime(
            StreamExecutionEnvironment env, String input, InputFormat<T> format) {
        // a replay's input never pauses: idleness and alignment would only add wall-clock
        // dependence, and a watermark after every record makes its lateness deterministic
        boolean replay = settings.replay;
        boolean aligned = !replay && !sources.bounded() && !settings.maxWatermarkDrift.isZero();
        return SourceWatermarks.of(
                input,
                format,
                new SourceWatermarks.Settings(
                        settings.maxOutOfOrderness,
                        replay ? Duration.ZERO : settings.idleness,
                        aligned ? settings.maxWatermarkDrift : null,
                        replay,
                        env.getConfig().getAutoWatermarkInterval()));
    }

    /**
     * Whether alert changes wait for the watermark and are taken in event-time order. A run whose
     * input ends (a replay, a backfill) does: its alerts are then the same whatever order its
     * partitions were read in. A live job handles a match at once, as alert latency matters more
     * there: when two devices of one risk point match within moments, the one read first opens the
     * episode (its start, its evidence), and reading order varies between runs.
     */
    private boolean inEventTimeOrder() {
        return settings.replay || sources.bounded();
    }

    private long lagMillis() {
        return settings.maxOutOfOrderness.toMillis();
    }

    private long holdMillis() {
        // a replay has its whole registry before the first record: nothing can be on the way
        return settings.replay ? 0 : settings.unknownHold.toMillis();
    }

    /** A registry record knows where it was read, to tell it from those the start included. */
    static RegistryUpdate registryUpdate(RegistryUpdate update, RawRecord raw) {
        update.partition = raw.partition;
        update.offset = raw.position;
        return update;
    }

    static DeviceEvent readingEvent(Reading reading, RawRecord raw) {
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

    /**
     * Incidents are rare: their own watermark would stall for hours and with it every incident
     * timer (incident.unacknowledged). Merged with the readings' watermark, incident time moves
     * with the city's clock; while incidents flow, the slower of the two still holds it back.
     */
    private static DataStream<IncidentEvent> withReadingsClock(
            DataStream<IncidentEvent> incidents, DataStream<DeviceEvent> deviceEvents) {
        DataStream<IncidentEvent> clock =
                deviceEvents
                        .flatMap((DeviceEvent event, Collector<IncidentEvent> none) -> {})
                        .returns(TypeInformation.of(IncidentEvent.class))
                        .uid("incidents.clock")
                        .name("incidents: clock of the readings");
        return incidents.union(clock);
    }

    static ActionEvent actionEvent(AlertAction action, RawRecord raw) {
        ActionEvent event = new ActionEvent();
        event.action = action;
        event.ts = action.ts;
        event.raw = raw.text;
        event.position = raw.position;
        return event;
    }

    static IncidentEvent incidentEvent(Incident incident, RawRecord raw) {
        IncidentEvent event = new IncidentEvent();
        event.incident = incident;
        event.ts = incident.ts;
        event.raw = raw.text;
        event.position = raw.position;
        return event;
    }

    private static <T> DataStream<T> unionAll(List<? extends DataStream<T>> streams) {
        DataStream<T> first = streams.get(0);
        if (streams.size() == 1) {
            return first;
        }
        @SuppressWarnings("unchecked")
        DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
        return first.union(rest);
    }
}
