package io.citywatch.jobs.cli;

import io.citywatch.jobs.config.Settings;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.TimeUtils;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job's {@link ConfigOption}s as {@code --key value} options of a command: the same keys as the
 * {@code run --config} file, with their descriptions and defaults in the help.
 */
final class ConfigOptionArgs {
    private final Map<OptionSpec, ConfigOption<?>> options = new LinkedHashMap<>();

    private ConfigOptionArgs() {}

    /**
     * Adds {@code configOptions} to {@code command}; boolean options in {@code flags} take no
     * value.
     */
    static ConfigOptionArgs addTo(
            CommandSpec command, List<ConfigOption<?>> configOptions, List<ConfigOption<?>> flags) {
        ConfigOptionArgs args = new ConfigOptionArgs();
        for (ConfigOption<?> option : configOptions) {
            boolean flag = flags.contains(option);
            OptionSpec spec =
                    OptionSpec.builder("--" + option.key())
                            .type(flag ? boolean.class : String.class)
                            .arity(flag ? "0" : "1")
                            .paramLabel(flag ? "" : label(option))
                            .description(help(option))
                            .build();
            command.addOption(spec);
            args.options.put(spec, option);
        }
        return args;
    }

    /** The options given on the command line, by key. */
    Map<String, String> given() {
        Map<String, String> given = new LinkedHashMap<>();
        options.forEach(
                (spec, option) -> {
                    Object value = spec.getValue();
                    if (value != null && !Boolean.FALSE.equals(value)) {
                        given.put(option.key(), String.valueOf(value));
                    }
                });
        return given;
    }

    private static String label(ConfigOption<?> option) {
        Class<?> type = typeOf(option);
        if (type == Duration.class) {
            return "DURATION";
        }
        if (type != null && type.isEnum()) {
            return "VALUE";
        }
        if (type == Integer.class || type == Long.class || type == Double.class) {
            return "N";
        }
        return option.key().endsWith("-file") ? "FILE" : "VALUE";
    }

    /** The description, and the default on a line of its own as picocli shows its own. */
    private static String[] help(ConfigOption<?> option) {
        String text = Settings.description(option);
        if (!option.hasDefaultValue()) {
            return new String[] {text};
        }
        Object value = option.defaultValue();
        return new String[] {
            text,
            "Default: "
                    + (value instanceof Duration duration
                            ? TimeUtils.formatWithHighestUnit(duration)
                            : String.valueOf(value))
        };
    }

    private static Class<?> typeOf(ConfigOption<?> option) {
        return option.hasDefaultValue() ? option.defaultValue().getClass() : null;
    }
}
