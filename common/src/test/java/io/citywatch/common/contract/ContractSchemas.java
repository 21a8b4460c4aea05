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
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schemas of the contract's records and their Kafka headers, loaded from {@code
 * docs/schemas} of this repository under their published {@code $id}s, and the OASIS CAP 1.2 XML
 * Schema of the CAP feed: the one way tests check an output against the contract.
 */
public final class ContractSchemas {
    /** Every schema's {@code $id} is this prefix plus its file name. */
    public static final String ID_PREFIX = "https://citywatch.io/schemas/";

    public static final String FOLDER = "docs/schemas";

    /** The OASIS CAP 1.2 schema of the CAP feed (docs/contract.md §3.1b), as OASIS publishes it. */
    public static final String CAP_XSD = "cap12.xsd";

    /**
     * The records of the contract, and the Kafka headers of the outputs that carry CloudEvents
     * attributes (as one object of header name to UTF-8 value), each with its schema file.
     */
    public enum Record {
        READING("reading"),
        INCIDENT("incident"),
        REGISTRY_RECORD("registry-record"),
        ALERT_ACTION("alert-action"),
        ALERT("alert"),
        DEAD_LETTER("dead-letter"),
        ALERT_HEADERS("alert-headers"),
        DEAD_LETTER_HEADERS("dead-letter-headers");

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

    private static javax.xml.validation.Schema capSchema;

    /** docs/schemas/cap12.xsd, compiled; it may reach nothing outside the file. */
    public static synchronized javax.xml.validation.Schema capSchema() {
        if (capSchema == null) {
            try {
                SchemaFactory factory =
                        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                capSchema = factory.newSchema(Repository.file(FOLDER).resolve(CAP_XSD).toFile());
            } catch (SAXException e) {
                throw new IllegalStateException("cannot compile " + CAP_XSD, e);
            }
        }
        return capSchema;
    }

    /**
     * What is wrong with one CAP message against the OASIS schema, with line and column: empty when
     * it is valid; one entry when it is not well-formed XML.
     */
    public static List<String> capViolations(String xml) {
        List<String> errors = new ArrayList<>();
        Validator validator = capSchema().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(
                    new ErrorHandler() {
                        @Override
                        public void warning(SAXParseException e) {}

                        @Override
                        public void error(SAXParseException e) {
                            errors.add(describe(e));
                        }

                        @Override
                        public void fatalError(SAXParseException e) throws SAXParseException {
                            throw e;
                        }
                    });
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            errors.add("not well-formed: " + describe(e));
        } catch (SAXException | IOException e) {
            errors.add("cannot validate: " + e);
        }
        return errors;
    }

    private static String describe(SAXParseException e) {
        return e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage();
    }
}
