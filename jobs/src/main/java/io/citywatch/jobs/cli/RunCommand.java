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

    /** Entry point for {@code flink run -c io.citywatch.jobs.cli.RunCommand job.jar --config F}. */
    public static void main(String[] args) throws Exception {
        System.exit(CityWatchCli.run(prepend("run", args)));
    }

    static int run(List<String> argList) {
        Args args = Args.parse(argList, Set.of("config"), Set.of());
        Path configFile = args.inputFile("config");
        if (configFile == null) {
            throw new ConfigException("missing --config FILE");
        }
        Settings settings = Settings.of(readProperties(configFile, false));
        Properties kafka = new Properties();
        String kafkaFile = settings.get(CityWatchOptions.KAFKA_PROPERTIES_FILE);
        if (kafkaFile != null) {
            kafka.putAll(readProperties(Path.of(kafkaFile), true));
        }
        List<RiskPoint> registry = loadRegistry(settings.get(CityWatchOptions.REGISTRY_FILE));
        KafkaTopics topics = new KafkaTopics(settings, kafka);

        Configuration config = new Configuration();
        config.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        config.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(settings.get(CityWatchOptions.PARALLELISM));
        env.enableCheckpointing(settings.get(CityWatchOptions.CHECKPOINT_INTERVAL).toMillis());
        System.err.println(
                "citywatch: running against Kafka "
                        + settings.get(CityWatchOptions.BOOTSTRAP_SERVERS)
                        + " with "
                        + registry.size()
                        + " risk points from the registry file; Ctrl-C stops it");
        try {
            new CityWatchJob(settings.jobSettings(), registry, topics, topics).execute(env);
            return 0;
        } catch (Exception e) {
            System.err.println("citywatch: job failed: " + e.getMessage());
            return 1;
        }
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

    private static List<String> prepend(String first, String[] rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(List.of(rest));
        return all;
    }
}
