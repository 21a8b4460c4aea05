package io.citywatch.jobs.cli;

import io.citywatch.jobs.JobSettings;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.influx.InfluxConnection;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.influx.InfluxSinkConfig;
import io.citywatch.jobs.influx.InfluxSinkException;
import io.citywatch.jobs.influx.RejectedPoints;
import io.citywatch.jobs.influx.RejectedPointsLog;

import org.apache.flink.configuration.ConfigOption;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** {@code citywatch replay}: the job over JSON Lines files, in event time (docs/contract.md §6). */
final class ReplayCommand {
    private ReplayCommand() {}

    static int run(List<String> argList, PrintStream console) {
        Set<String> valueOptions =
                new HashSet<>(
                        Set.of(
                                "readings",
                                "incidents",
                                "registry",
                                "actions",
                                "alerts-out",
                                "deadletter-out"));
        for (ConfigOption<?> option : CityWatchOptions.JOB) {
            valueOptions.add(option.key());
        }
        for (ConfigOption<?> option : CityWatchOptions.INFLUX) {
            valueOptions.add(option.key());
        }
        valueOptions.remove(CityWatchOptions.DEVICE_AGGREGATES.key());
        Args args =
                Args.parse(argList, valueOptions, Set.of(CityWatchOptions.DEVICE_AGGREGATES.key()));
        Replay.Inputs inputs =
                new Replay.Inputs(
                        args.inputFile("readings"),
                        args.inputFile("incidents"),
                        args.inputFile("registry"),
                        args.inputFile("actions"));
        Path alertsOut = args.outputFile("alerts-out", true);
        Path deadLetterOut = args.outputFile("deadletter-out", false);
        Map<String, String> jobOptions = new HashMap<>(args.all());
        Settings options = Settings.of(jobOptions);
        JobSettings settings = options.jobSettings();
        Function<RejectedPoints, InfluxSink> influx = null;
        if (InfluxSinkConfig.enabled(options)) {
            Map<String, String> env = System.getenv();
            // checked now, so that a bad option is a usage error before anything runs
            InfluxConnection connection = InfluxSinkConfig.connection(options, env);
            InfluxSinkConfig.sink(options, env, new RejectedPointsLog());
            influx = rejected -> InfluxSinkConfig.sink(options, env, rejected);
            System.err.println("citywatch: writing InfluxDB points to " + connection.describe());
        }

        System.err.println("citywatch: replaying on a local Flink MiniCluster…");
        long started = System.nanoTime();
        Replay.Result result;
        try {
            result = Replay.run(inputs, settings, influx);
        } catch (Exception e) {
            System.err.println("citywatch: replay failed: " + rootMessage(e));
            return 1;
        }
        try {
            Files.write(alertsOut, result.alertLines(), StandardCharsets.UTF_8);
            if (deadLetterOut != null) {
                Files.write(deadLetterOut, result.deadLetterLines(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println("citywatch: cannot write output: " + e.getMessage());
            return 1;
        }
        console.print(
                ReplaySummary.render(
                        result,
                        alertsOut,
                        deadLetterOut,
                        (System.nanoTime() - started) / 1_000_000));
        return 0;
    }

    private static String rootMessage(Throwable e) {
        // the InfluxDB sink's own message says what to fix; it travels as a SerializedThrowable
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof InfluxSinkException
                    || String.valueOf(cause).contains(InfluxSinkException.class.getName())) {
                return cause.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
