package io.citywatch.jobs.rules.flood;

import io.citywatch.jobs.rules.device.OrderedState;

/** flood.water_level's stage of one gauge. */
public class WaterLevelState extends OrderedState {
    /** The latest level: a level within the blue margin counts only when rising over it. */
    public Double previous;

    /** 1 blue … 4 red; null: no stage, no open alert. */
    public Integer stage;

    public WaterLevelState() {}
}
