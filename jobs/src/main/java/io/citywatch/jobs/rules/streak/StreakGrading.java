package io.citywatch.jobs.rules.streak;

import io.citywatch.common.model.AlertLevel;
import io.citywatch.common.model.Evidence;
import io.citywatch.jobs.events.DeviceEvent;
import io.citywatch.jobs.events.Site;
import io.citywatch.jobs.rules.RuleMatch;
import io.citywatch.jobs.rules.RuleSettings;

import java.io.Serializable;
import java.util.List;

/**
 * What a "N consecutive readings of one device" rule needs to say: the level one reading reaches,
 * how many readings in a row each level needs, and the match it reports.
 */
public interface StreakGrading extends Serializable {

    /** The highest level this reading alone reaches, or null when it reaches none. */
    AlertLevel grade(DeviceEvent event);

    /** Readings in a row that must all reach {@code level}; 0 when the rule has no such level. */
    int required(Site site, AlertLevel level);

    /** The match for a streak that reached {@code level}; {@code streak} is oldest first. */
    RuleMatch match(
            DeviceEvent last, List<Evidence> streak, AlertLevel level, RuleSettings settings);
}
