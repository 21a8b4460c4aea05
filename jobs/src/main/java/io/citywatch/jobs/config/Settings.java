package io.citywatch.jobs.config;

import io.citywatch.common.model.Scenario;
import io.citywatch.jobs.cap.CapScope;
import io.citywatch.jobs.cap.CapSettings;
import io.citywatch.jobs.io.KafkaSettings;
import io.citywatch.jobs.io.KafkaTopics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
        Locale locale = get(CityWatchOptions.LOCALE).locale();
        return new JobSettings(
                nonNegative(CityWatchOptions.MAX_OUT_OF_ORDERNESS),
                nonNegative(CityWatchOptions.IDLENESS),
                nonNegative(CityWatchOptions.MAX_WATERMARK_DRIFT),
                nonNegative(CityWatchOptions.UNKNOWN_HOLD),
                radius,
                positive(CityWatchOptions.CLEAR_AFTER),
                locale,
                nonNegative(CityWatchOptions.ALLOWED_LATENESS),
                get(CityWatchOptions.DEVICE_AGGREGATES),
                capSettings(locale, radius / 1000));
    }

    /**
     * The CAP feed's settings (docs/contract.md §3.1b): the language of the alert messages, and the
     * incident match radius as the circle around a risk point.
     */
    private CapSettings capSettings(Locale locale, double radiusKm) {
        String sender = get(CityWatchOptions.CAP_SENDER);
        // CAP 1.2 §3.2.1: references are sender,identifier,sent triples separated by spaces
        if (sender == null
                || sender.isEmpty()
                || sender.codePoints()
                        .anyMatch(
                                c ->
                                        Character.isWhitespace(c)
                                                || Character.isISOControl(c)
                                                || c == ','
                                                || c == '<'
                                                || c == '&')) {
            throw new ConfigException(
                    "cap-sender must be non-empty without spaces, commas, < or &, got '"
                            + sender
                            + "'");
        }
        CapScope scope = get(CityWatchOptions.CAP_SCOPE);
        String restriction = get(CityWatchOptions.CAP_RESTRICTION);
        if (scope == CapScope.RESTRICTED && (restriction == null || restriction.isBlank())) {
            throw new ConfigException(
                    "cap-restriction must say who may receive the messages when cap-scope is "
                            + CapScope.RESTRICTED);
        }
        String addresses = get(CityWatchOptions.CAP_ADDRESSES);
        if (scope == CapScope.PRIVATE && (addresses == null || addresses.isBlank())) {
            throw new ConfigException(
                    "cap-addresses must list the receivers when cap-scope is " + CapScope.PRIVATE);
        }
        return new CapSettings(
                sender,
                get(CityWatchOptions.CAP_STATUS),
                scope,
                restriction == null ? null : restriction.trim(),
                addresses == null ? null : addresses.trim(),
                capScenarios(),
                locale,
                radiusKm);
    }

    private Set<Scenario> capScenarios() {
        String value = get(CityWatchOptions.CAP_SCENARIOS);
        Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
        if (value == null || value.trim().equalsIgnoreCase("none")) {
            return scenarios;
        }
        for (String name : value.split("[,;\\s]+")) {
            if (name.isEmpty()) {
                continue;
            }
            try {
                scenarios.add(Scenario.valueOf(name.toLowerCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(
                        "cap-scenarios must list scenarios of "
                                + Arrays.toString(Scenario.values())
                                + " separated by commas, or be none; got "
                                + name);
            }
        }
        if (scenarios.isEmpty()) {
            throw new ConfigException(
                    "cap-scenarios is empty: list scenarios, or write none for no CAP feed");
        }
        return scenarios;
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
                get(CityWatchOptions.DEADLETTER_TOPIC),
                get(CityWatchOptions.ALERTS_CAP_TOPIC),
                cloudEventsSource());
    }

    /** CloudEvents 1.0: source is a non-empty URI-reference. */
    private URI cloudEventsSource() {
        String value = required(CityWatchOptions.CLOUDEVENTS_SOURCE);
        try {
            return new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(
                    "cloudevents-source must be a URI reference such as /citywatch/chongqing, got "
                            + value
                            + " ("
                            + e.getReason()
                            + ")");
        }
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
