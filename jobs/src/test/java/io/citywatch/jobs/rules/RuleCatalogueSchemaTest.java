package io.citywatch.jobs.rules;

import io.citywatch.common.contract.ContractSchemas;
import io.citywatch.common.contract.ContractSchemas.Record;
import io.citywatch.common.contract.Repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert schema names exactly the rules of the catalogue. */
class RuleCatalogueSchemaTest {
    @Test
    void theAlertSchemaListsEveryRuleOfTheCatalogue() throws Exception {
        JsonNode schema =
                new ObjectMapper()
                        .readTree(
                                Repository.file(ContractSchemas.FOLDER)
                                        .resolve(Record.ALERT.fileName())
                                        .toFile());
        List<String> ruleIds = new ArrayList<>();
        schema.at("/properties/ruleId/enum").forEach(id -> ruleIds.add(id.asText()));

        assertThat(ruleIds)
                .containsExactlyInAnyOrderElementsOf(
                        RuleCatalogue.all().stream().map(Rule::id).toList());
    }
}
