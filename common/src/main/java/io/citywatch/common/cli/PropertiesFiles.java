package io.citywatch.common.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Properties files of the command line: {@code run --config}, Kafka client properties. */
public final class PropertiesFiles {
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private PropertiesFiles() {}

    /** A properties file; with {@code expandEnv}, {@code ${NAME}} takes the environment's value. */
    public static Map<String, String> read(Path file, boolean expandEnv) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
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
                throw new UsageException(key + " refers to ${" + variable + "}, which is not set");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** An input file named by {@code option}: it must exist and be readable. */
    public static Path readable(String option, Path path) {
        if (path != null && (!Files.isRegularFile(path) || !Files.isReadable(path))) {
            throw new UsageException(option + ": no readable file " + path);
        }
        return path;
    }
}
