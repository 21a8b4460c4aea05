package io.citywatch.jobs.rules.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/** A rule host's buffer of one key: entries waiting for the watermark, in event-time order. */
final class EventTimeBuffer {
    private EventTimeBuffer() {}

    /** Where an entry at {@code ts} goes: after every entry of its time (arrival order). */
    static <T> int insertionPoint(List<T> held, ToLongFunction<T> time, long ts) {
        int at = held.size();
        while (at > 0 && time.applyAsLong(held.get(at - 1)) > ts) {
            at--;
        }
        return at;
    }

    /** How many entries from the start the watermark has passed. */
    static <T> int passed(List<T> held, ToLongFunction<T> time, long now) {
        int passed = 0;
        while (passed < held.size() && time.applyAsLong(held.get(passed)) <= now) {
            passed++;
        }
        return passed;
    }

    /** What is left of {@code held} after its first {@code passed} entries; null for nothing. */
    static <T> List<T> rest(List<T> held, int passed) {
        return passed == held.size() ? null : new ArrayList<>(held.subList(passed, held.size()));
    }

    /** Hands {@code due} over one instant (a run of entries of the same time) at a time. */
    static <T> void byInstant(List<T> due, ToLongFunction<T> time, Consumer<List<T>> instant) {
        int from = 0;
        while (from < due.size()) {
            long ts = time.applyAsLong(due.get(from));
            int to = from;
            while (to < due.size() && time.applyAsLong(due.get(to)) == ts) {
                to++;
            }
            instant.accept(due.subList(from, to));
            from = to;
        }
    }
}
