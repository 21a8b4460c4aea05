package io.citywatch.jobs.cli;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.common.model.RiskPoint;
import io.citywatch.common.registry.Registry;
import io.citywatch.jobs.CityWatchJob;
import io.citywatch.jobs.config.CityWatchOptions;
import io.citywatch.jobs.config.ConfigException;
import io.citywatch.jobs.config.Settings;
import io.citywatch.jobs.io.KafkaTopics;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code citywatch run --config FILE}: the job against Kafka, on a local MiniCluster from the
 * launcher, or on a cluster when the shaded jar is submitted with {@code flink run}.
 */
public final class RunCommand {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private RunCommand() {}

    /**
     * Entry point for {@code flink run -c io.citywatch.jobs.cli.RunCommand job.jar --config F} and
     * for application mode (docker-compose, the Kubernetes operator). It never calls {@code
     * System.exit}: in application mode that would stop the JobManager itself.
     */
    public static void main(String[] args) throws Exception {
        int code;
        try {
            code = run(List.of(args));
        } catch (ConfigException e) {
            System.err.println("citywatch: " + e.getMessage());
            throw e;
        }
        if (code != 0) {
            throw new IllegalStateException("CityWatch job ended with exit code " + code);
        }
    }

    static int run(List<String> argList) {
        Args args = Args.parse(argList, Set.of("config"), Set.of());
        Path configFile = args.inputFile("config");
        if (configFile == null) {
            throw new ConfigException("missing --config FILE");
        }
        Prepared job = prepare(readProperties(configFile, false), configFile.getParent());
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
    static final class Prepared {
        final StreamExecutionEnvironment env;
        final Settings settings;
        final KafkaTopics topics;
        final int registrySize;

        private Prepared(
                StreamExecutionEnvironment env,
                Settings settings,
                KafkaTopics topics,
                int registrySize) {
            this.env = env;
            this.settings = settings;
            this.topics = topics;
            this.registrySize = registrySize;
        }
    }

    /**
     * Builds the job from {@code run} settings. Relative file names ({@code registry}, {@code
     * kafka.properties-file}) are taken from {@code folder}, the config file's folder.
     */
    static Prepared prepare(Map<String, String> values, Path folder) {
        Settings settings = Settings.of(values);
        for (String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key) && !key.startsWith("influx.")) {
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
            kafka.putAll(readProperties(resolve(folder, kafkaFile), true));
        }
        String registryFile = settings.get(CityWatchOptions.REGISTRY_FILE);
        List<RiskPoint> registry =
                loadRegistry(
                        registryFile == null ? null : resolve(folder, registryFile).toString());
        KafkaTopics topics = new KafkaTopics(settings, kafka);
        int parallelism = settings.get(CityWatchOptions.PARALLELISM);
        if (parallelism < 1) {
            throw new ConfigException("parallelism must be at least 1, got " + parallelism);
        }

        Configuration config = new Configuration();
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        env.enableCheckpointing(settings.get(CityWatchOptions.CHECKPOINT_INTERVAL).toMillis());
        new CityWatchJob(settings.jobSettings(), registry, topics, topics).build(env);
        return new Prepared(env, settings, topics, registry.size());
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
        return Set.copyOf(keys);
    }

    private static Path resolve(Path folder, String file) {
        Path path = Path.of(file);
        return path.isAbsolute() || folder == null ? path : folder.resolve(path);
    }

    /** A properties file; with {@code expandEnv}, {@code ${NAME}} takes the environment's value. */
    static Map<String, String> readProperties(Path file, boolean expandEnv) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        for (String key : properties.stringPropertyNames()) {
            String value = properties.getProperty(key).trim();
            values.put(key, expandEnv ? expand(key, value) : value);
        }
        return values;
    }

    private static String expand(String key, String value) {
        Matcher matcher = ENV_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement = System.getenv(variable);
            if (replacement == null) {
                // name the variable, never a value: the value may be a secret
                throw new ConfigException(key + " refers to ${" + variable + "}, which is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
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
            Parsed<RegistryUpdate> update = RegistryCodec.decode(lines.get(i));
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
