package io.citywatch.jobs.events;

/** An event that still carries its original record, so that it can be dead-lettered whole. */
public interface Traced {
    String raw();

    long position();

    /** False for registry changes, which have no event time and can never be late. */
    boolean hasEventTime();

    long eventTime();

    /** Called once the record has passed every check that could reject it. */
    void dropRaw();
}
