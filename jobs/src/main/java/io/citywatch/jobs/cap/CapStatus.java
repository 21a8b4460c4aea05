package io.citywatch.jobs.cap;

/**
 * The values of {@code cap-status}: what every CAP message's {@code <status>} says. {@code Actual}
 * in service; {@code Exercise} and {@code Test} for drills, so that receivers do not act on them.
 */
public enum CapStatus {
    ACTUAL("Actual"),
    EXERCISE("Exercise"),
    TEST("Test");

    private final String word;

    CapStatus(String word) {
        this.word = word;
    }

    /** As CAP writes it, and as the option takes it: {@code Actual}. */
    @Override
    public String toString() {
        return word;
    }
}
