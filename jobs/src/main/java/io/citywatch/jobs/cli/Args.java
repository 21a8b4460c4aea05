package io.citywatch.jobs.cli;

import io.citywatch.jobs.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options of one command; anything unexpected is a usage error. */
final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Args() {}

    static Args parse(List<String> args, Set<String> valueOptions, Set<String> flags) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new ConfigException(
                        "unexpected argument " + arg + " (options start with --)");
            }
            String name = arg.substring(2);
            String inlineValue = null;
            int equals = name.indexOf('=');
            if (equals > 0) {
                inlineValue = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (flags.contains(name)) {
                parsed.values.put(name, "true");
            } else if (valueOptions.contains(name)) {
                String value = inlineValue;
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new ConfigException("--" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (parsed.values.put(name, value) != null) {
                    throw new ConfigException("--" + name + " is given twice");
                }
            } else {
                throw new ConfigException("unknown option --" + name);
            }
        }
        return parsed;
    }

    String get(String name) {
        return values.get(name);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    Map<String, String> all() {
        return values;
    }

    /** An input file: absent means an empty input; named but missing is an error. */
    Path inputFile(String name) {
        String value = values.get(name);
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException("--" + name + ": no readable file " + value);
        }
        return path;
    }

    /** An output file whose folder must exist. */
    Path outputFile(String name, boolean required) {
        String value = values.get(name);
        if (value == null) {
            if (required) {
                throw new ConfigException("missing --" + name);
            }
            return null;
        }
        Path path = Path.of(value).toAbsolutePath();
        if (path.getParent() != null && !Files.isDirectory(path.getParent())) {
            throw new ConfigException(
                    "--" + name + ": folder " + path.getParent() + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new ConfigException("--" + name + ": " + value + " is a folder, not a file");
        }
        return path;
    }
}
