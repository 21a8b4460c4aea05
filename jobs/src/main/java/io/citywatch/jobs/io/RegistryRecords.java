package io.citywatch.jobs.io;

import io.citywatch.common.codec.Parsed;
import io.citywatch.common.codec.RegistryCodec;
import io.citywatch.common.codec.RejectReason;
import io.citywatch.common.model.RegistryUpdate;
import io.citywatch.jobs.rules.RuleParams;

/**
 * Decodes a registry record as the job accepts it: the contract's codec, then the risk point's
 * thresholds against the rules' parameters ({@link RuleParams}). Every path by which the registry
 * enters the job (the registry file, the topic read at start, the topic streamed, a replay's file)
 * decodes with this, so all of them reject the same records.
 */
public final class RegistryRecords {
    private RegistryRecords() {}

    public static Parsed<RegistryUpdate> decode(String raw) {
        Parsed<RegistryUpdate> parsed = RegistryCodec.decode(raw);
        if (!parsed.isOk() || parsed.value().isDeletion()) {
            return parsed;
        }
        String problem = RuleParams.problem(parsed.value().riskPoint);
        return problem == null ? parsed : Parsed.rejected(RejectReason.bad_value, problem);
    }
}
