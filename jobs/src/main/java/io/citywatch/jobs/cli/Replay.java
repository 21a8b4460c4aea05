package io.citywatch.jobs.cli;

import io.citywatch.common.codec.AlertActionCodec;
import io.citywatch.common.codec.IncidentCodec;
import io.citywatch.common.codec.OutputJson;
import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.ReadingCodec;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.Alert;
import io.citywatch.common.model.DeadLetter;
import io.citywatch.common.time.EventTimes;
import io.citywatch.jobs.CityWatchJob;
import io.citywatch.jobs.cap.CapMessage;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.influx.RejectedPoints;
import io.citywatch.jobs.influx.RejectedPointsFile;
import io.citywatch.jobs.io.JobSinks;
import io.citywatch.jobs.io.LenientText;
import io.citywatch.jobs.io.ReplayFiles;
import io.citywatch.jobs.io.Topics;
import io.citywatch.jobs.rules.PendingTimeout;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.collect.CollectSinkOperatorFactory;
import org.apache.flink.util.CloseableIterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs the job over JSON Lines files on a local MiniCluster and returns its output in a
 * reproducible order: the same files give the same bytes.
 */
public final class Replay {
    /** Input files; any may be null (an empty input). */
    public record Inputs(Path readings, Path incidents, Path registry, Path actions) {}

    /** Counts of input lines per stream. */
    public record LineCounts(long readings, long incidents, long registry, long actions) {}

    /**
     * What a replay produced. The CAP messages (docs/contract.md §3.1b) come in the order of the
     * alert changes they were written for.
     */
    public record Result(
            List<Alert> alerts,
            List<DeadLetter> deadLetters,
            List<PendingTimeout> pending,
            List<CapMessage> capMessages,
            LineCounts lines,
            long firstEventTs,
            long clockStopTs) {

        public List<String> alertLines() {
            return alerts.stream().map(OutputJson::alert).toList();
        }

        /** One CAP message per line: each an XML document of its own. */
        public List<String> capLines() {
            return capMessages.stream().map(message -> message.xml).toList();
        }

        public List<String> deadLetterLines() {
            return deadLetters.stream().map(OutputJson::deadLetter).toList();
        }
    }

    private static final MemorySize MAX_COLLECTED_RECORD = MemorySize.ofMebiBytes(256);

    private static final List<String> SOURCE_ORDER =
            List.of(Topics.REGISTRY, Topics.READINGS, Topics.INCIDENTS, Topics.ALERT_ACTIONS);

    private Replay() {}

    public static Result run(Inputs inputs, JobSettings settings) throws Exception {
        return run(inputs, settings, null);
    }

    /**
     * With {@code influx} the measurements of docs/contract.md §3.3 are also written to InfluxDB by
     * the sink it builds; points the server rejects come back as {@code influx_rejected} dead
     * letters.
     */
    public static Result run(
            Inputs inputs, JobSettings settings, Function<RejectedPoints, InfluxSink> influx)
            throws Exception {
        long[] span = eventTimeSpan(inputs);
        JobSettings replay =
                settings.forReplay(span[0] == Long.MAX_VALUE ? Long.MIN_VALUE : span[0], span[1]);
        Path rejectedFolder =
                influx == null ? null : Files.createTempDirectory("citywatch-influx-rejected");

        Configuration config = new Configuration();
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        // a dead letter carries its record whole, and a replay line may be megabytes long
        config.set(CollectSinkOperatorFactory.MAX_BATCH_SIZE, MAX_COLLECTED_RECORD);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);

        Collecting sinks =
                new Collecting(
                        influx == null
                                ? null
                                : influx.apply(new RejectedPointsFile(rejectedFolder)));
        new CityWatchJob(
                        replay,
                        // the registry file is the replay's registry topic (ReplayFiles)
                        List.of(),
                        new ReplayFiles(
                                inputs.readings(),
                                inputs.incidents(),
                                inputs.registry(),
                                inputs.actions()),
                        sinks)
                .build(env);
        List<Alert> alerts = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<PendingTimeout> pending = new ArrayList<>();
        List<CapMessage> capMessages = new ArrayList<>();
        // collectAsync + executeAsync: the job's end (the InfluxDB sink's last flush, or its
        // failure) is awaited. The iterator is closed only when reading fails: closing it cancels
        // a job that is still running, and once it is exhausted the MiniCluster is gone.
        CloseableIterator<ReplayOutput> outputs = sinks.all().collectAsync();
        JobClient job = env.executeAsync("CityWatch replay");
        try {
            outputs.forEachRemaining(
                    output -> {
                        if (output.alert != null) {
                            alerts.add(output.alert);
                        } else if (output.deadLetter != null) {
                            deadLetters.add(output.deadLetter);
                        } else if (output.cap != null) {
                            capMessages.add(output.cap);
                        } else {
                            pending.add(output.pending);
                        }
                    });
        } catch (RuntimeException e) {
            outputs.close();
            throw e;
        }
        job.getJobExecutionResult().get();
        if (rejectedFolder != null) {
            deadLetters.addAll(rejectedPoints(rejectedFolder));
        }

        List<Alert> sortedAlerts = new ArrayList<>(alerts);
        sortedAlerts.sort(
                Comparator.<Alert>comparingLong(a -> a.changeTs)
                        .thenComparing(a -> a.ruleId)
                        .thenComparing(a -> a.riskPointId)
                        .thenComparing(a -> a.deviceId == null ? "" : a.deviceId)
                        .thenComparing(a -> a.alertId)
                        .thenComparingInt(a -> a.version));
        Map<String, Integer> alertOrder = new HashMap<>();
        for (Alert alert : sortedAlerts) {
            alertOrder.put(alert.alertId + "-v" + alert.version, alertOrder.size());
        }
        List<CapMessage> sortedCap = new ArrayList<>(capMessages);
        sortedCap.sort(
                Comparator.comparingInt(
                        message -> alertOrder.get(message.alertId + "-v" + message.version)));
        List<DeadLetter> sortedDeadLetters = new ArrayList<>(deadLetters);
        sortedDeadLetters.sort(
                Comparator.<DeadLetter>comparingInt(d -> sourceRank(d.source))
                        .thenComparingLong(d -> d.position)
                        .thenComparing(d -> d.reason)
                        .thenComparing(d -> d.raw == null ? "" : d.raw));
        List<PendingTimeout> sortedPending = new ArrayList<>(pending);
        sortedPending.sort(
                Comparator.<PendingTimeout>comparingLong(p -> p.dueTs)
                        .thenComparing(p -> p.ruleId)
                        .thenComparing(p -> p.key));
        return new Result(
                sortedAlerts,
                sortedDeadLetters,
                sortedPending,
                sortedCap,
                new LineCounts(
                        ReplayFiles.countLines(inputs.readings()),
                        ReplayFiles.countLines(inputs.incidents()),
                        ReplayFiles.countLines(inputs.registry()),
                        ReplayFiles.countLines(inputs.actions())),
                span[0],
                span[1]);
    }

    /** The dead letters the InfluxDB sink's writers left in {@code folder}; removes it. */
    static List<DeadLetter> rejectedPoints(Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<DeadLetter> letters = new ArrayList<>();
        for (String line : RejectedPointsFile.readAll(folder)) {
            JsonNode node = json.readTree(line);
            letters.add(
                    DeadLetter.of(
                            node.path("source").asText(),
                            RejectReason.valueOf(node.path("reason").asText()),
                            node.path("detail").asText(),
                            node.path("raw").asText(),
                            node.path("ts").isNull()
                                    ? null
                                    : EventTimes.parseIso(node.path("ts").asText()),
                            0));
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
        return letters;
    }

    /** First and latest event time of all valid timed input; the clock stops at the latter. */
    static long[] eventTimeSpan(Inputs inputs) {
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        forEachLine(
                inputs.readings(), line -> widen(span, ts(ReadingCodec.decode(line), r -> r.ts)));
        forEachLine(
                inputs.incidents(), line -> widen(span, ts(IncidentCodec.decode(line), i -> i.ts)));
        forEachLine(
                inputs.actions(),
                line -> widen(span, ts(AlertActionCodec.decode(line), a -> a.ts)));
        return span;
    }

    private static <T> Long ts(Parsed<T> parsed, Function<T, Long> time) {
        return parsed.isOk() ? time.apply(parsed.value()) : null;
    }

    private static Void widen(long[] span, Long ts) {
        if (ts != null) {
            span[0] = Math.min(span[0], ts);
            span[1] = Math.max(span[1], ts);
        }
        return null;
    }

    private static void forEachLine(Path file, Function<String, Void> action) {
        if (file == null) {
            return;
        }
        try (BufferedReader reader = LenientText.open(file)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                action.apply(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static int sourceRank(String source) {
        int rank = SOURCE_ORDER.indexOf(source);
        return rank < 0 ? SOURCE_ORDER.size() : rank;
    }

    /** One output record of the job, whichever sink it was meant for. */
    public static class ReplayOutput {
        public Alert alert;
        public DeadLetter deadLetter;
        public PendingTimeout pending;
        public CapMessage cap;

        public ReplayOutput() {}

        static ReplayOutput of(Alert alert) {
            ReplayOutput output = new ReplayOutput();
            output.alert = alert;
            return output;
        }

        static ReplayOutput of(DeadLetter letter) {
            ReplayOutput output = new ReplayOutput();
            output.deadLetter = letter;
            return output;
        }

        static ReplayOutput of(CapMessage message) {
            ReplayOutput output = new ReplayOutput();
            output.cap = message;
            return output;
        }

        static ReplayOutput of(PendingTimeout timeout) {
            ReplayOutput output = new ReplayOutput();
            output.pending = timeout;
            return output;
        }
    }

    /**
     * Brings the job's outputs into one collected stream: separate collect sinks would race the
     * MiniCluster's shutdown and could lose records.
     */
    private static final class Collecting implements JobSinks {
        private final InfluxSink influx;
        private DataStream<ReplayOutput> alerts;
        private DataStream<ReplayOutput> deadLetters;
        private DataStream<ReplayOutput> pending;
        private DataStream<ReplayOutput> cap;

        @Override
        public void alerts(DataStream<Alert> stream) {
            alerts = stream.map(ReplayOutput::of).uid("replay.alerts").name("replay: alerts");
        }

        @Override
        public void deadLetters(DataStream<DeadLetter> stream) {
            deadLetters =
                    stream.map(ReplayOutput::of)
                            .uid("replay.deadletters")
                            .name("replay: dead letters");
        }

        @Override
        public boolean writesCap() {
            return true;
        }

        @Override
        public void cap(DataStream<CapMessage> stream) {
            cap = stream.map(ReplayOutput::of).uid("replay.cap").name("replay: CAP messages");
        }

        @Override
        public void pendingTimeouts(DataStream<PendingTimeout> stream) {
            pending =
                    stream.map(ReplayOutput::of)
                            .uid("replay.pending")
                            .name("replay: pending timeouts");
        }

        Collecting(InfluxSink influx) {
            this.influx = influx;
        }

        @Override
        public boolean writesInfluxPoints() {
            return influx != null;
        }

        @Override
        public void influxPoints(DataStream<String> points) {
            points.sinkTo(influx).uid("influx.sink").name("influx: sink");
        }

        DataStream<ReplayOutput> all() {
            return cap == null
                    ? alerts.union(deadLetters, pending)
                    : alerts.union(deadLetters, pending, cap);
        }
    }
}
