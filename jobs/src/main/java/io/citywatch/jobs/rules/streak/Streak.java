package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.Evidence;

import java.util.ArrayList;
import java.util.List;

/** The most recent readings of one device in event-time order, with the level each reached. */
public class Streak {
    /** Level ordinal + 1 per reading, 0 for a reading that reached no level. */
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
