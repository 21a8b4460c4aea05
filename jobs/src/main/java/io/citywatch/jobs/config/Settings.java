package io.citywatch.jobs.config;

import io.citywatch.jobs.JobSettings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.description.BlockElement;
import org.apache.flink.configuration.description.TextElement;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** The one place that turns option text into typed settings, with one message per bad value. */
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
            throw new ConfigException(
                    "bad value for "
                            + option.key()
                            + ": "
                            + config.toMap().get(option.key())
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
        JobSettings job = new JobSettings();
        job.maxOutOfOrderness = nonNegative(CityWatchOptions.MAX_OUT_OF_ORDERNESS);
        job.idleness = nonNegative(CityWatchOptions.IDLENESS);
        job.unknownHold = nonNegative(CityWatchOptions.UNKNOWN_HOLD);
        job.clearAfter = positive(CityWatchOptions.CLEAR_AFTER);
        job.allowedLateness = nonNegative(CityWatchOptions.ALLOWED_LATENESS);
        job.deviceAggregates = get(CityWatchOptions.DEVICE_AGGREGATES);
        double radius = get(CityWatchOptions.INCIDENT_MATCH_RADIUS);
        if (!(radius >= 0) || radius > 100_000) {
            throw new ConfigException(
                    "incident-match-radius must be 0 to 100000 metres, got " + radius);
        }
        job.incidentMatchRadiusMeters = radius;
        String locale = get(CityWatchOptions.LOCALE);
        if (!locale.equals("en") && !locale.equals("zh-CN")) {
            throw new ConfigException("locale must be en or zh-CN, got " + locale);
        }
        job.locale = Locale.forLanguageTag(locale);
        return job;
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
