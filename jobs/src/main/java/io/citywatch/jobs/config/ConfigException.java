package io.citywatch.jobs.config;

/** A bad command line or configuration: reported as one line, exit code 2. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
