package io.citywatch.common.cli;

/** Bad usage of a command: reported as one line on stderr, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
