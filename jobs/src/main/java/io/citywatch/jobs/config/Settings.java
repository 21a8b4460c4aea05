package io.citywatch.jobs.config;

import io.citywatch.jobs.io.KafkaSettings;
import io.citywatch.jobs.io.KafkaTopics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The one place that turns option text into typed, immutable settings ({@link JobSettings}, {@link
 * KafkaSettings}, the InfluxDB sink through {@link InfluxSinkConfig}), with one message per bad
 * value that names the option and what it allows.
 */
public final class Settings {
    private final Configuration config;

    private Settings(Configuration config) {
        this.config = config;
    }

    public static Settings of(Map<String, String> values) {
        return new Settings(Configuration.fromMap(values));
    }

    public <T> T get(ConfigOption<T> option) {
        try {
            return config.get(option);
        } catch (IllegalArgumentException e) {
            String value = config.toMap().get(option.key());
            if (option.hasDefaultValue() && option.defaultValue() instanceof Enum<?> constant) {
                throw new ConfigException(
                        option.key()
                                + " must be "
                                + Arrays.stream(constant.getDeclaringClass().getEnumConstants())
                                        .map(String::valueOf)
                                        .collect(Collectors.joining(" or "))
                                + ", got "
                                + value);
            }
            throw new ConfigException(
                    "bad value for "
                            + option.key()
                            + ": "
                            + value
                            + " ("
                            + description(option)
                            + ")");
        }
    }

    /** The plain text of an option's description. */
    public static String description(ConfigOption<?> option) {
        StringBuilder text = new StringBuilder();
        for (BlockElement block : option.description().getBlocks()) {
            if (block instanceof TextElement element) {
                text.append(element.getFormat());
            }
        }
        return text.toString().replaceAll("\\s+", " ").trim();
    }

    public String required(ConfigOption<String> option) {
        String value = get(option);
        if (value == null || value.isBlank()) {
            throw new ConfigException("missing " + option.key() + ": " + description(option));
        }
        return value;
    }

    public JobSettings jobSettings() {
        double radius = get(CityWatchOptions.INCIDENT_MATCH_RADIUS);
        if (!(radius >= 0) || radius > 100_000) {
            throw new ConfigException(
                    "incident-match-radius must be 0 to 100000 metres, got " + radius);
        }
        return new JobSettings(
                nonNegative(CityWatchOptions.MAX_OUT_OF_ORDERNESS),
                nonNegative(CityWatchOptions.IDLENESS),
                nonNegative(CityWatchOptions.MAX_WATERMARK_DRIFT),
                nonNegative(CityWatchOptions.UNKNOWN_HOLD),
                radius,
                positive(CityWatchOptions.CLEAR_AFTER),
                get(CityWatchOptions.LOCALE).locale(),
                nonNegative(CityWatchOptions.ALLOWED_LATENESS),
                get(CityWatchOptions.DEVICE_AGGREGATES));
    }

    public KafkaSettings kafkaSettings() {
        return new KafkaSettings(
                required(CityWatchOptions.BOOTSTRAP_SERVERS),
                get(CityWatchOptions.GROUP_ID),
                get(CityWatchOptions.ALERTS_DELIVERY).guarantee(),
                positive(CityWatchOptions.CHECKPOINT_INTERVAL),
                get(CityWatchOptions.READINGS_TOPIC),
                get(CityWatchOptions.INCIDENTS_TOPIC),
                get(CityWatchOptions.REGISTRY_TOPIC),
                get(CityWatchOptions.ACTIONS_TOPIC),
                get(CityWatchOptions.ALERTS_TOPIC),
                get(CityWatchOptions.DEADLETTER_TOPIC));
    }

    /** The Kafka sources and sinks of these settings with {@code clientProperties}. */
    public KafkaTopics kafkaTopics(Properties clientProperties) {
        KafkaSettings kafka = kafkaSettings();
        try {
            return new KafkaTopics(kafka, clientProperties);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private Duration nonNegative(ConfigOption<Duration> option) {
        Duration value = get(option);
        if (value.isNegative()) {
            throw new ConfigException(option.key() + " must not be negative, got " + value);
        }
        return value;
    }

    private Duration positive(ConfigOption<Duration> option) {
        Duration value = nonNegative(option);
        if (value.isZero()) {
            throw new ConfigException(option.key() + " must be positive");
        }
        return value;
    }
}
