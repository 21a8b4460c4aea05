package io.citywatch.jobs.io;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.model.RegistryUpdate;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The replay's sources: one JSON Lines file per input topic; a missing file is an empty input. */
public class ReplayFiles implements JobSources {
    private final Path readings;
    private final Path incidents;
    private final Path registry;
    private final Path actions;

    public ReplayFiles(Path readings, Path incidents, Path registry, Path actions) {
        this.readings = readings;
        this.incidents = incidents;
        this.registry = registry;
        this.actions = actions;
    }

    @Override
    public DataStream<RawRecord> readings(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return lines(env, readings, "readings", eventTime);
    }

    @Override
    public DataStream<RawRecord> incidents(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return lines(env, incidents, "incidents", eventTime);
    }

    @Override
    public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
        return lines(env, registry, "registry", WatermarkStrategy.noWatermarks());
    }

    @Override
    public DataStream<RawRecord> actions(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> eventTime) {
        return lines(env, actions, "actions", eventTime);
    }

    @Override
    public boolean bounded() {
        return true;
    }

    /**
     * A replay's registry file is its registry topic, read whole before the first reading: the job
     * starts from the registry as the file leaves it, and the file's lines, still streamed for
     * their dead letters and counts, are all part of it.
     */
    @Override
    public RegistryBacklog.Source registryBacklog() {
        return new RegistryFile(registry == null ? null : registry.toString());
    }

    /** The valid records of a registry file, all before its end. */
    private record RegistryFile(String path) implements RegistryBacklog.Source {
        @Override
        public RegistryBacklog read() {
            List<RegistryUpdate> updates = new ArrayList<>();
            if (path != null) {
                try (BufferedReader reader = LenientText.open(Path.of(path))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        Parsed<RegistryUpdate> update = RegistryRecords.decode(line);
                        if (update.isOk()) {
                            updates.add(update.value());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + path, e);
                }
            }
            return new RegistryBacklog(updates, Map.of(0, Long.MAX_VALUE));
        }
    }

    /** Lines in a file; a file that ends with a newline has no extra empty line. */
    public static long countLines(Path file) {
        if (file == null) {
            return 0;
        }
        try (BufferedReader reader = LenientText.open(file)) {
            return reader.lines().count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static DataStream<RawRecord> lines(
            StreamExecutionEnvironment env,
            Path file,
            String stream,
            WatermarkStrategy<RawRecord> eventTime) {
        long count = countLines(file);
        // Flink's bounded sources cannot produce zero records: an empty input is one
        // placeholder that is filtered out at once.
        DataGeneratorSource<RawRecord> source =
                new DataGeneratorSource<>(
                        new LinesOfFile(count == 0 ? null : file.toString()),
                        Math.max(count, 1),
                        TypeInformation.of(RawRecord.class));
        return env.fromSource(source, eventTime, stream + " file")
                .setParallelism(1)
                .uid(stream + ".source")
                .filter(record -> record.text != null)
                .setParallelism(1)
                .uid(stream + ".source-placeholder")
                .name(stream + " file: records");
    }
}
