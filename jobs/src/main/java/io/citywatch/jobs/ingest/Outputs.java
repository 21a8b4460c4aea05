package io.citywatch.jobs.ingest;

import io.citywatch.common.model.DeadLetter;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Side outputs shared by the ingest operators. */
public final class Outputs {
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private Outputs() {}
}
