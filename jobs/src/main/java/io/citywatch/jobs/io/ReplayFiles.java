package io.citywatch.jobs.io;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

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
    public DataStream<RawRecord> readings(StreamExecutionEnvironment env) {
        return lines(env, readings, "readings");
    }

    @Override
    public DataStream<RawRecord> incidents(StreamExecutionEnvironment env) {
        return lines(env, incidents, "incidents");
    }

    @Override
    public DataStream<RawRecord> registry(StreamExecutionEnvironment env) {
        return lines(env, registry, "registry");
    }

    @Override
    public DataStream<RawRecord> actions(StreamExecutionEnvironment env) {
        return lines(env, actions, "actions");
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
            StreamExecutionEnvironment env, Path file, String stream) {
        long count = countLines(file);
        // Flink's bounded sources cannot produce zero records: an empty input is one
        // placeholder that is filtered out at once.
        DataGeneratorSource<RawRecord> source =
                new DataGeneratorSource<>(
                        new LinesOfFile(count == 0 ? null : file.toString()),
                        Math.max(count, 1),
                        TypeInformation.of(RawRecord.class));
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), stream + " file")
                .setParallelism(1)
                .uid(stream + ".source")
                .filter(record -> record.text != null)
                .setParallelism(1)
                .uid(stream + ".source-placeholder")
                .name(stream + " file: records");
    }
}
