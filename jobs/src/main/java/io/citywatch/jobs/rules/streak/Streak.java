package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.rules.device.OrderedState;

import java.util.ArrayList;
import java.util.List;

/**
 * One streak rule's state for one device: its most recent readings in event-time order with the
 * level each reached.
 */
public class Streak extends OrderedState {
    /** Level ordinal + 1 per reading, oldest first. */
    public List<Integer> grades = new ArrayList<>();

    public List<Evidence> readings = new ArrayList<>();

    public Streak() {}

    void append(int grade, Evidence reading, int keep) {
        grades.add(grade);
        readings.add(reading);
        while (grades.size() > keep) {
            grades.remove(0);
            readings.remove(0);
        }
    }

    /** Nothing before the reading that ended the streak can count again. */
    void end() {
        grades.clear();
        readings.clear();
    }

    boolean running() {
        return !grades.isEmpty();
    }

    /** True when the last {@code count} readings all reached at least {@code grade}. */
    boolean lastAllReach(int count, int grade) {
        if (count <= 0 || grades.size() < count) {
            return false;
        }
        for (int i = grades.size() - count; i < grades.size(); i++) {
            if (grades.get(i) < grade) {
                return false;
            }
        }
        return true;
    }

    List<Evidence> last(int count) {
        return new ArrayList<>(readings.subList(readings.size() - count, readings.size()));
    }
}
