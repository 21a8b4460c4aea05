package io.citywatch.common.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the contract's records, loaded from {@code docs/schemas} of this repository
 * under their published {@code $id}s, and the one way tests check a record against them.
 */
public final class ContractSchemas {
    /** Every schema's {@code $id} is this prefix plus its file name. */
    public static final String ID_PREFIX = "https://citywatch.io/schemas/";

    public static final String FOLDER = "docs/schemas";

    /** The records of the contract, each with its schema file. */
    public enum Record {
        READING("reading"),
        INCIDENT("incident"),
        REGISTRY_RECORD("registry-record"),
        ALERT_ACTION("alert-action"),
        ALERT("alert"),
        DEAD_LETTER("dead-letter");

        private final String name;

        Record(String name) {
            this.name = name;
        }

        /** The record's name in the contract and in its schema file, e.g. {@code dead-letter}. */
        public String schemaName() {
            return name;
        }

        public String fileName() {
            return name + ".schema.json";
        }

        public String id() {
            return ID_PREFIX + fileName();
        }
    }

    /**
     * How a consumer reads a record before validating it: RFC 8259 JSON, one value per text (so
     * NaN, Infinity and trailing garbage are not JSON), numbers kept exact so that range limits see
     * 1e400 as it is. Duplicate keys parse (the last wins): no schema can see them.
     */
    private static final ObjectMapper STRICT_JSON =
            JsonMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
                    .build();

    /** Schemas come from the checked-in files only: a $ref elsewhere fails instead of fetching. */
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12,
                    builder -> builder.schemas(ContractSchemas::checkedIn));

    private static String checkedIn(String id) {
        if (!id.startsWith(ID_PREFIX)) {
            return null;
        }
        Path file = Repository.file(FOLDER).resolve(id.substring(ID_PREFIX.length()));
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("no checked-in schema for " + id + " at " + file, e);
        }
    }

    private static final Map<Record, Schema> SCHEMAS = new EnumMap<>(Record.class);

    private ContractSchemas() {}

    /** The schema of a record, resolved by its {@code $id} to the checked-in file. */
    public static synchronized Schema schema(Record record) {
        return SCHEMAS.computeIfAbsent(
                record,
                r -> {
                    Schema schema = REGISTRY.getSchema(SchemaLocation.of(r.id()));
                    schema.initializeValidators();
                    return schema;
                });
    }

    /**
     * What is wrong with one record's text against its schema: empty when it is valid; one entry
     * when it is not JSON at all.
     */
    public static List<String> violations(Record record, String text) {
        JsonNode json;
        try {
            json = text == null ? null : STRICT_JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || json.isMissingNode()) {
            return List.of("not JSON: empty");
        }
        return violations(record, json);
    }

    public static List<String> violations(Record record, JsonNode json) {
        List<Error> errors = schema(record).validate(json);
        return errors.stream().map(Error::toString).toList();
    }

    public static boolean valid(Record record, String text) {
        return violations(record, text).isEmpty();
    }
}
