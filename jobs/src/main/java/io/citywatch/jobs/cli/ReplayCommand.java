package io.citywatch.jobs.cli;

import io.citywatch.common.cli.Commands;
import io.citywatch.common.cli.PropertiesFiles;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.ConfigException;
import io.citywatch.jobs.config.InfluxSinkConfig;
import io.citywatch.jobs.config.JobSettings;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.influx.InfluxConnection;
import io.citywatch.jobs.influx.InfluxSink;
import io.citywatch.jobs.influx.InfluxSinkException;
import io.citywatch.jobs.influx.RejectedPoints;
import io.citywatch.jobs.influx.RejectedPointsLog;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;

/** {@code citywatch replay}: the job over JSON Lines files, in event time (docs/contract.md §6). */
@Command(
        name = "replay",
        description =
                "The job over JSON Lines files on a local Flink MiniCluster, in event time:"
                        + " deterministic output; the clock stops at the latest input event time"
                        + " (later timeouts are listed as pending). Options after the files are"
                        + " the job's settings, with the keys of the run --config file.",
        sortOptions = false,
        footer = {
            "",
            "Example:",
            "  citywatch replay --registry registry.jsonl --readings readings.jsonl"
                    + " --alerts-out alerts.jsonl --deadletter-out dead.jsonl",
            "  citywatch replay … --alerts-out alerts.jsonl --cap-out cap.xml --locale zh-CN"
                    + " --cap-sender cityops.example.cn --cap-status Exercise",
            "InfluxDB output: docs/influxdb.md"
        })
public final class ReplayCommand implements Callable<Integer> {
    private final PrintStream console;
    private ConfigOptionArgs settings;

    @Option(names = "--readings", paramLabel = "FILE", description = "Sensor readings.")
    Path readings;

    @Option(names = "--incidents", paramLabel = "FILE", description = "Incident reports.")
    Path incidents;

    @Option(
            names = "--registry",
            paramLabel = "FILE",
            description = "Registry records, loaded before the first reading.")
    Path registry;

    @Option(names = "--actions", paramLabel = "FILE", description = "Operator alert actions.")
    Path actions;

    @Option(
            names = "--alerts-out",
            paramLabel = "FILE",
            description = "Where the alert changelog goes (required).")
    Path alertsOut;

    @Option(
            names = "--deadletter-out",
            paramLabel = "FILE",
            description = "Where the dead letters go.")
    Path deadLetterOut;

    @Option(
            names = "--cap-out",
            paramLabel = "FILE",
            description =
                    "Where the CAP 1.2 messages go, one XML document per line (the cap-*"
                            + " options below).")
    Path capOut;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    private ReplayCommand(PrintStream console) {
        this.console = console;
    }

    /** The command with the job's settings as options; its help goes to {@code console}. */
    public static CommandLine commandLine(PrintStream console) {
        ReplayCommand command = new ReplayCommand(console);
        CommandLine line = Commands.commandLine(command, console);
        command.settings =
                ConfigOptionArgs.addTo(
                        line.getCommandSpec(),
                        Stream.concat(
                                        CityWatchOptions.JOB.stream(),
                                        CityWatchOptions.INFLUX.stream())
                                .toList(),
                        List.of(CityWatchOptions.DEVICE_AGGREGATES));
        return line;
    }

    /** {@code java -cp … ReplayCommand --readings …}: a replay without the launcher. */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out));
    }

    static int run(List<String> args, PrintStream console) {
        return Commands.run(commandLine(console), args);
    }

    @Override
    public Integer call() {
        Replay.Inputs inputs =
                new Replay.Inputs(
                        PropertiesFiles.readable("--readings", readings),
                        PropertiesFiles.readable("--incidents", incidents),
                        PropertiesFiles.readable("--registry", registry),
                        PropertiesFiles.readable("--actions", actions));
        if (alertsOut == null) {
            throw new ConfigException("missing --alerts-out");
        }
        Path alertsOut = outputFile("--alerts-out", this.alertsOut);
        Path deadLetterOut =
                this.deadLetterOut == null
                        ? null
                        : outputFile("--deadletter-out", this.deadLetterOut);
        Path capOut = this.capOut == null ? null : outputFile("--cap-out", this.capOut);
        Settings options = Settings.of(settings.given());
        JobSettings settings = options.jobSettings();
        if (capOut != null && !settings.cap.enabled()) {
            throw new ConfigException("--cap-out needs cap-scenarios to name a scenario, not none");
        }
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
            if (capOut != null) {
                Files.write(capOut, result.capLines(), StandardCharsets.UTF_8);
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
                        capOut,
                        (System.nanoTime() - started) / 1_000_000));
        return 0;
    }

    /** An output file whose folder must exist. */
    private static Path outputFile(String option, Path file) {
        Path path = file.toAbsolutePath();
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new ConfigException(option + ": folder " + path.getParent() + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new ConfigException(option + ": " + file + " is a folder, not a file");
        }
        return path;
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
