package io.citywatch.jobs.rules;

import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * One rule of the catalogue (docs/contract.md §4): a CEP pattern or a keyed function over the job's
 * event streams, its parameters with defaults, its alert text. Adding a rule is one class and one
 * line in {@link RuleCatalogue}.
 */
public interface Rule {
    /**
     * The ruleId of docs/contract.md §4, e.g. {@code fire.confirmed}; also the prefix of operator
     * uids.
     */
    String id();

    DataStream<RuleMatch> matches(RuleInputs inputs);
}
