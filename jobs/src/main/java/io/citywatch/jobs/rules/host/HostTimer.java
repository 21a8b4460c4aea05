package io.citywatch.jobs.rules.host;

import org.apache.flink.streaming.api.TimerService;

/** The one event-time timer per key of a rule host. */
final class HostTimer {
    private HostTimer() {}

    /**
     * The key's timer once {@code next} is its earliest due time: moved there when that is earlier,
     * else left where it is (it fires early and moves itself on, instead of a delete and a register
     * for every event); null, deleted, when nothing is due.
     */
    static Long moved(TimerService timers, Long timer, long next) {
        if (next == RuleUnit.NO_DUE) {
            if (timer != null) {
                timers.deleteEventTimeTimer(timer);
            }
            return null;
        }
        if (timer != null && timer <= next) {
            return timer;
        }
        if (timer != null) {
            timers.deleteEventTimeTimer(timer);
        }
        timers.registerEventTimeTimer(next);
        return next;
    }
}
