package io.citywatch.jobs.config;

import io.citywatch.common.cli.UsageException;

/** A bad command line or configuration: reported as one line, exit code 2. */
public class ConfigException extends UsageException {
    public ConfigException(String message) {
        super(message);
    }
}
