package io.citywatch.jobs.cap;

/**
 * The values of {@code cap-scope}: who a CAP message is meant for. {@code Restricted} by default,
 * because releasing a warning to the public is a human decision, not the job's.
 */
public enum CapScope {
    PUBLIC("Public"),
    /** For the users the {@code restriction} text names. */
    RESTRICTED("Restricted"),
    /** For the receivers {@code addresses} lists. */
    PRIVATE("Private");

    private final String word;

    CapScope(String word) {
        this.word = word;
    }

    /** As CAP writes it, and as the option takes it: {@code Restricted}. */
    @Override
    public String toString() {
        return word;
    }
}
