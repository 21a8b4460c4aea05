package io.citywatch.jobs.alerts;

import io.citywatch.common.model.AlertAction;
import io.citywatch.jobs.events.Traced;

/** An operator action on its way to the alert it names, with its original record. */
public class ActionEvent implements Traced {
    public AlertAction action;
    public long ts;
    public String raw;
    public long position;

    public ActionEvent() {}

    @Override
    public String raw() {
        return raw;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public boolean hasEventTime() {
        return true;
    }

    @Override
    public long eventTime() {
        return ts;
    }

    /** Actions keep their text to the end: the lifecycle may still reject them. */
    @Override
    public void dropRaw() {}
}
