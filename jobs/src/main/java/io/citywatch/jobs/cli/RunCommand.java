package io.citywatch.jobs.cli;

import io.citywatch.common.cli.Commands;
import io.citywatch.common.cli.PropertiesFiles;
import io.citywatch.common.codec.Parsed;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.CityWatchJob;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.ConfigException;
import io.citywatch.jobs.config.InfluxSinkConfig;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.io.KafkaTopics;
import io.citywatch.jobs.io.RegistryRecords;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code citywatch run --config FILE}: the job against Kafka, on a local MiniCluster from the
 * launcher, or on a cluster when the shaded jar is submitted with {@code flink run}.
 */
@Command(
        name = "run",
        description =
                "The job against Kafka: on a local Flink MiniCluster from bin/citywatch, or on a"
                        + " cluster with flink run -c io.citywatch.jobs.cli.RunCommand.",
        footer = {
            "",
            "The config file holds the job's settings as key=value lines (README, deploy/citywatch).",
            "",
            "A local run keeps its checkpoints in checkpoint-dir (checkpoints/ beside the config"
                    + " file) and resumes from the latest when started again.",
            "",
            "Example:",
            "  citywatch run --config deploy/citywatch/run.properties"
        })
public final class RunCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            required = true,
            description = "The job's settings; files it names are found beside it.")
    Path config;

    @Option(
            names = "--from-savepoint",
            paramLabel = "PATH",
            description =
                    "Start from this savepoint (or retained checkpoint) instead of the latest"
                            + " checkpoint in checkpoint-dir.")
    Path fromSavepoint;

    @Option(names = "--help", usageHelp = true, description = "Show this help.")
    boolean help;

    private RunCommand() {}

    /**
     * Entry point for {@code flink run -c io.citywatch.jobs.cli.RunCommand job.jar --config F} and
     * for application mode (docker-compose, the Kubernetes operator). It never calls {@code
     * System.exit}: in application mode that would stop the JobManager itself.
     */
    public static void main(String[] args) throws Exception {
        int code = run(List.of(args), System.out);
        if (code == Commands.USAGE_ERROR) {
            throw new ConfigException("bad usage of citywatch run (said above)");
        }
        if (code != 0) {
            throw new IllegalStateException("CityWatch job ended with exit code " + code);
        }
    }

    /** The command; its help goes to {@code console}. */
    public static CommandLine commandLine(PrintStream console) {
        return Commands.commandLine(new RunCommand(), console);
    }

    static int run(List<String> args, PrintStream console) {
        return Commands.run(commandLine(console), args);
    }

    @Override
    public Integer call() {
        Path configFile = PropertiesFiles.readable("--config", config);
        Path folder = configFile.toAbsolutePath().getParent();
        Prepared job = prepare(PropertiesFiles.read(configFile, false), folder, fromSavepoint);
        System.err.println("citywatch: " + job.start);
        System.err.println(
                "citywatch: running against Kafka "
                        + job.settings.get(CityWatchOptions.BOOTSTRAP_SERVERS)
                        + " with "
                        + job.registrySize
                        + " risk points from the registry file, alerts "
                        + job.settings.get(CityWatchOptions.ALERTS_DELIVERY)
                        + "; Ctrl-C stops it");
        try {
            job.env.execute("CityWatch");
            return 0;
        } catch (Exception e) {
            System.err.println("citywatch: job failed: " + e.getMessage());
            return 1;
        }
    }

    /** The job against Kafka, built into its environment and ready to execute. */
    public static final class Prepared {
        public final StreamExecutionEnvironment env;
        public final Settings settings;
        public final KafkaTopics topics;
        public final int registrySize;

        /** Where the job's state comes from and its checkpoints go, in one sentence. */
        public final String start;

        private Prepared(
                StreamExecutionEnvironment env,
                Settings settings,
                KafkaTopics topics,
                int registrySize,
                String start) {
            this.env = env;
            this.settings = settings;
            this.topics = topics;
            this.registrySize = registrySize;
            this.start = start;
        }
    }

    /**
     * Builds the job from {@code run} settings. Relative file names ({@code registry}, {@code
     * kafka.properties-file}) are taken from {@code folder}, the config file's folder.
     */
    public static Prepared prepare(Map<String, String> values, Path folder) {
        return prepare(values, folder, null);
    }

    /**
     * As {@link #prepare(Map, Path)}; a job on a local MiniCluster keeps its checkpoints in {@code
     * checkpoint-dir} (by default {@code checkpoints/} in {@code folder}) and starts from {@code
     * savepoint}, else from the latest of them: stopped and started again (Ctrl-C, a reboot, kill
     * -9), it goes on with its open alerts, clocks and partial patterns.
     */
    static Prepared prepare(Map<String, String> values, Path folder, Path savepoint) {
        Settings settings = Settings.of(values);
        for (String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                // a warning, not an error: options of other sinks may be read elsewhere
                System.err.println(
                        "citywatch: ignoring unknown setting "
                                + key
                                + " (Kafka client settings belong in kafka.properties-file)");
            }
        }
        Properties kafka = new Properties();
        String kafkaFile = settings.get(CityWatchOptions.KAFKA_PROPERTIES_FILE);
        if (kafkaFile != null) {
            kafka.putAll(PropertiesFiles.read(resolve(folder, kafkaFile), true));
        }
        String registryFile = settings.get(CityWatchOptions.REGISTRY_FILE);
        List<RiskPoint> registry =
                loadRegistry(
                        registryFile == null ? null : resolve(folder, registryFile).toString());
        KafkaTopics topics = settings.kafkaTopics(kafka);
        if (InfluxSinkConfig.enabled(settings)) {
            // secrets from the environment only, checked now so a bad one is a usage error
            topics.writeInflux(
                    InfluxSinkConfig.sink(
                            settings, System.getenv(), topics.rejectedPointsChannel()));
        }
        int parallelism = settings.get(CityWatchOptions.PARALLELISM);
        if (parallelism < 1) {
            throw new ConfigException("parallelism must be at least 1, got " + parallelism);
        }

        Configuration config = new Configuration();
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        boolean local =
                StreamExecutionEnvironment.getExecutionEnvironment(config)
                        instanceof LocalStreamEnvironment;
        String start = keepCheckpoints(config, settings, folder, local, savepoint);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        env.enableCheckpointing(settings.get(CityWatchOptions.CHECKPOINT_INTERVAL).toMillis());
        new CityWatchJob(settings.jobSettings(), registry, topics, topics).build(env);
        return new Prepared(env, settings, topics, registry.size(), start);
    }

    /**
     * Sets where checkpoints go and what the job starts from; returns that as a sentence. On a
     * cluster the cluster's settings apply unless {@code checkpoint-dir} says otherwise, and a
     * start from a savepoint is {@code flink run -s}.
     */
    private static String keepCheckpoints(
            Configuration config, Settings settings, Path folder, boolean local, Path savepoint) {
        String configured = settings.get(CityWatchOptions.CHECKPOINT_DIR);
        if (configured == null && !(local && folder != null)) {
            return local
                    ? "checkpoints in memory (no config file to keep them beside)"
                    : "checkpoints where the cluster keeps them";
        }
        String uri;
        Path localFolder = null;
        if (configured != null && configured.contains("://")) {
            uri = configured;
        } else {
            localFolder =
                    configured == null
                            ? folder.resolve("checkpoints")
                            : resolve(folder, configured).toAbsolutePath();
            uri = localFolder.toUri().toString();
        }
        config.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, uri);
        // Ctrl-C cancels the local job: its last checkpoint must stay for the next start
        config.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (savepoint != null) {
            if (!Files.exists(savepoint)) {
                throw new ConfigException("--from-savepoint " + savepoint + " does not exist");
            }
            config.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
            return "starting from " + savepoint + "; checkpoints go to " + uri;
        }
        if (!local || localFolder == null) {
            return "checkpoints go to " + uri;
        }
        LocalCheckpoints checkpoints = new LocalCheckpoints(localFolder);
        Optional<Path> latest = checkpoints.latest();
        if (latest.isEmpty()) {
            return "no checkpoint in " + localFolder + " yet: starting with empty state";
        }
        config.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
        checkpoints.removeAllBut(latest.get());
        return "resuming from checkpoint "
                + latest.get()
                + " (taken "
                + LocalCheckpoints.completedAt(latest.get())
                + ")";
    }

    private static final Set<String> KNOWN_KEYS = knownKeys();

    private static Set<String> knownKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (org.apache.flink.configuration.ConfigOption<?> option : CityWatchOptions.JOB) {
            keys.add(option.key());
        }
        for (org.apache.flink.configuration.ConfigOption<?> option : CityWatchOptions.KAFKA) {
            keys.add(option.key());
        }
        for (org.apache.flink.configuration.ConfigOption<?> option : CityWatchOptions.INFLUX) {
            keys.add(option.key());
        }
        return Set.copyOf(keys);
    }

    private static Path resolve(Path folder, String file) {
        Path path = Path.of(file);
        return path.isAbsolute() || folder == null ? path : folder.resolve(path);
    }

    static List<RiskPoint> loadRegistry(String file) {
        if (file == null) {
            return List.of();
        }
        Path path = Path.of(file);
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read registry " + file + ": " + e.getMessage());
        }
        Registry registry = new Registry();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Parsed<RegistryUpdate> update = RegistryRecords.decode(lines.get(i));
            if (!update.isOk()) {
                throw new ConfigException(
                        "registry "
                                + file
                                + " line "
                                + (i + 1)
                                + ": "
                                + update.reason()
                                + ", "
                                + update.detail());
            }
            registry.apply(update.value());
        }
        return new ArrayList<>(registry.riskPoints());
    }
}
